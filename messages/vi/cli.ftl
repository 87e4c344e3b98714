# Thông báo dòng lệnh của bantin (src/main.rs), tiếng Việt. Xem src/messages.rs.

cli-problems-found = tìm thấy { $count } lỗi

## src/main.rs: nhãn đầu dòng
cli-label-error = lỗi
cli-label-warning = cảnh báo
cli-label-note = ghi chú
cli-label-draft = bản nháp

## src/main.rs: kết quả của các lệnh
cli-problems-found-kept = tìm thấy { $count } lỗi; chưa xuất bản gì (bản đã xuất bản trước vẫn giữ nguyên)
cli-checked = đã kiểm tra { $summary }
cli-built = đã dựng { $summary } vào { $output }
cli-build-warnings = có { $count } cảnh báo: chạy `bantin check` để xem
cli-partial-note = { $note } (ngôn ngữ này được đánh dấu `partial: true` trong site.yaml)
cli-drafts-fine = đã kiểm tra { $count } bản nháp như khi xuất bản: không có lỗi
cli-drafts-problems = có { $count } lỗi trong bản nháp (chưa xuất bản: hãy sửa trước khi đặt `draft: false`)
cli-translations-problems = trang web còn { $count } lỗi khác: chạy `bantin check` để xem
cli-printed = đã in ra { $path }
cli-read-aloud-time = { $words } từ: đọc khoảng { $minutes } phút với tốc độ { $rate } từ một phút
cli-read-aloud-audio = đã đọc thành tệp { $path }: { $seconds } giây
cli-read-aloud-digits = tiếng { $lang } chưa có quy tắc đọc số: các con số vẫn để nguyên
cli-printed-booklet = đã in ra { $path }: cuốn sổ { $pages } trang A5 trên { $sheets } tờ A4; hãy in hai mặt, lật theo cạnh ngắn, rồi gập đôi cả xấp
cli-watching = đang theo dõi { $path } (bấm Ctrl+C để dừng)
cli-watch-built = đã dựng { $files } tệp vào { $output } trong { $ms } ms{ $warnings }
cli-watch-rebuilt = đã dựng lại: { $summary }; { $written } tệp trên đĩa thay đổi, trong { $ms } ms{ $warnings }
cli-watch-problems = có { $count } lỗi; các trang tốt gần nhất vẫn được giữ nguyên
cli-warnings-note = {" "}({ $count } cảnh báo: `bantin check` liệt kê đầy đủ)
cli-serving = đang chạy tại { $url } (bản xem trước được dựng trong { $output })
cli-no-browser = không mở được trình duyệt ở đây; hãy tự mở { $url }
cli-new-site = đã tạo trang web mới trong { $dir }; giờ hãy chạy: `cd { $dir } && bantin build`
cli-new-item = đã tạo { $path } (đây là bản nháp: bỏ dòng `draft: true` để xuất bản)
cli-title-words = tiêu đề được nhận thành { $count } từ rời và đã được ghép thành "{ $title }"; hãy đặt tiêu đề trong dấu ngoặc kép để giữ đúng như đã gõ: `bantin new { $kind } "{ $title }"`
cli-new-kind-guess = bantin không có lệnh `new { $what }`; có phải ý bạn là `bantin new { $kind } "Tiêu đề"`? (các loại: `article` bài viết, `model` mô hình, `explainer` bài giải thích, `bulletin` bản tin, `page` trang, `site` trang web mới)

## Hệ thống báo gì khi thao tác tệp thất bại (src/messages.rs `io_error`).
io-not-found = không có tệp hay thư mục này
io-permission-denied = không có quyền truy cập
io-already-exists = đã có sẵn
io-address-in-use = địa chỉ này đang được dùng
io-is-a-directory = đây là thư mục, không phải tệp
io-not-a-directory = đây không phải thư mục
io-directory-not-empty = thư mục không trống
io-storage-full = ổ đĩa đã đầy
io-read-only = ổ đĩa chỉ cho đọc
io-invalid-data = dữ liệu không hợp lệ
io-timed-out = quá thời gian chờ
io-with-code = { $words } (mã lỗi hệ thống { $code })

## src/translations.rs: `bantin check --translations`
translations-language = { $name } ({ $code }): đã dịch { $translated }/{ $total } bài, còn thiếu { $missing }, { $outdated } bản dịch đã cũ
translations-missing = còn thiếu  { $original }  →  tạo tệp { $create }  ({ $title })
translations-outdated = đã cũ     { $translation } ({ $translation_date }) cũ hơn bản gốc { $original } ({ $original_date })

## src/server.rs: `bantin serve`
serve-port-in-use = cổng { $port } trên { $bind } đang được dùng: hãy thử --port { $free }
serve-port-in-use-no-free = cổng { $port } trên { $bind } đang được dùng: hãy thử một --port khác
serve-cannot-listen = không mở được cổng { $address }: { $error }
serve-not-built-yet = trang web chưa dựng xong (hoặc đang được thay bằng bản mới); vui lòng tải lại sau giây lát

## src/watch/: `bantin watch` và `bantin serve` báo gì sau mỗi lần dựng lại
watch-cannot-open = không mở được { $path }: { $error }
watch-cannot-use-output = không dùng được { $path } làm thư mục xuất: { $error }
watch-cannot-watch-files = không theo dõi được các tệp: { $error }
watch-cannot-watch = không theo dõi được { $path }: { $error }
watch-files = { $count } tệp
watch-file-added = đã thêm { $path }
watch-file-removed = đã xóa { $path }
watch-file-not-an-item = { $path } (bản nháp, hoặc không phải một bài)
watch-file-unchanged = { $path } được lưu mà không đổi gì
watch-fields-changed = đã sửa { $fields }
watch-field-body = nội dung
watch-field-front-matter = phần đầu
watch-templates-changed = mẫu (template) đã sửa
watch-strings-changed = chữ giao diện đã sửa
watch-files-changed = có tệp thay đổi
watch-rebuilt-summary = { $reason }: { $rendered }
watch-removed = đã bỏ { $count }
watch-nothing-to-write = không có gì cần ghi
watch-count-not-found = { $count } trang 404
watch-count-copy = { $count } bản sao
watch-count-feed = { $count } nguồn tin (feed)
watch-count-home = { $count ->
    [1] trang chủ
   *[other] { $count } trang chủ
}
watch-count-index-page = { $count } trang mục lục
watch-count-listing = { $count } trang danh sách
watch-count-neighbour = { $count } bài liền kề
watch-count-page = { $count } trang
watch-count-print-edition = { $count } bản in
watch-count-read-aloud = { $count } tệp bản đọc trên loa
watch-count-redirect = { $count } trang chuyển hướng
watch-count-search-index = { $count } chỉ mục tìm kiếm
watch-count-search-page = { $count } trang tìm kiếm
watch-count-share-file = { $count } tệp chia sẻ
watch-count-sitemap = { $count ->
    [1] sơ đồ trang (sitemap)
   *[other] { $count } sơ đồ trang (sitemap)
}
watch-count-collection = { $count } trang chủ đề hoặc địa bàn
watch-watcher-stopped = bộ theo dõi tệp đã dừng
watch-internal-failure = bantin gặp lỗi bên trong (lỗi của chương trình: xin báo kèm tệp vừa lưu); lần lưu sau sẽ dựng lại toàn bộ

## src/messages/command_line.rs: `--help` (mã tạo từ tên lệnh và tùy chọn)
help-heading-usage = Cách dùng:
help-heading-commands = Các lệnh
help-heading-options = Tùy chọn
help-heading-arguments = Tham số
help-value-command = LỆNH
help-value-options = TÙY_CHỌN
help-value-dir = THƯ_MỤC
help-value-title = TIÊU_ĐỀ
help-value-code = MÃ
help-value-url = ĐỊA_CHỈ
help-value-port = CỔNG
help-value-bind = ĐỊA_CHỈ_IP
help-value-bulletin = BẢN_TIN
help-value-format = ĐỊNH_DẠNG
help-value-path = ĐƯỜNG_DẪN
help-value-file = TỆP
help-value-kind = LOẠI
help-value-encoding = BẢNG_MÃ
help-flag-help = Xem hướng dẫn
help-flag-version = Xem phiên bản
help-bantin = bantin: dựng trang web bản tin dân vận từ các tệp Markdown
help-build = Dựng trang web vào thư mục xuất (mặc định là public/)
help-build-portable = Liên kết tương đối ở mọi nơi: trang web mở được từ ổ đĩa, từ USB, và từ mọi máy chủ dưới mọi đường dẫn con (như `portable: true` trong site.yaml)
help-watch = Dựng trang web, rồi dựng lại mỗi khi lưu tệp (nội dung, mẫu, tệp tĩnh...)
help-serve = Dựng, theo dõi và chạy trang web trên máy này; các trang đang mở tự tải lại sau mỗi lần lưu
help-serve-port = Cổng để chạy [mặc định: 1111]
help-serve-bind = Địa chỉ để chạy (127.0.0.1: chỉ máy này) [mặc định: 127.0.0.1]
help-serve-open = Mở trang web bằng trình duyệt mặc định khi đã dựng xong
help-deploy = Dựng trang web rồi tải những gì đã thay đổi lên máy chủ ghi ở `deploy:` trong site.yaml (SFTP)
help-deploy-dry_run = Chỉ cho biết sẽ tải lên và xoá những gì, chưa làm
help-check = Kiểm tra toàn bộ trang web và báo mọi lỗi, không ghi gì ra đĩa
help-check-translations = Thay vào đó, liệt kê theo từng ngôn ngữ các bài còn cần dịch và các bản dịch đã cũ
help-check-format = Cách trình bày kết quả --translations: text cho người đọc, json cho công cụ [mặc định: text]
help-print = In một số bản tin ra PDF bằng Chromium hoặc Chrome cài trên máy
help-print-bulletin = Bản tin: tên tệp không có đuôi .md (ví dụ ban-tin-dan-van-so-1)
help-print-lang = Ngôn ngữ của bản in (một mã trong site.yaml) [mặc định: ngôn ngữ mặc định]
help-print-output = Tệp PDF cần ghi [mặc định: <bản tin>.pdf, hoặc <bản tin>.<mã ngôn ngữ>.pdf]
help-print-browser = Trình duyệt dùng để in [mặc định: chromium, google-chrome... tìm trong PATH]
help-print-booklet = In thành cuốn sổ A5: mỗi mặt tờ A4 hai trang, gập đôi lại là thành sổ [mặc định: <bản tin>.booklet.pdf]
help-read-aloud = In bản đọc trên loa truyền thanh của một số bản tin (số, ngày tháng, chữ viết tắt đã viết thành chữ); với --audio, đọc thành tệp WAV bằng espeak-ng
help-read-aloud-bulletin = Bản tin: tên tệp không có đuôi .md (ví dụ ban-tin-dan-van-so-1)
help-read-aloud-lang = Ngôn ngữ của bản đọc (một mã trong site.yaml) [mặc định: ngôn ngữ mặc định]
help-read-aloud-audio = Đọc luôn thành tệp WAV này (cần espeak-ng)
help-new = Tạo trang web mới, hoặc một tệp nội dung mới có sẵn phần đầu
help-new-site = Thư mục trang web mới, có site.yaml và nội dung mẫu
help-new-site-dir = Thư mục cần tạo (chưa có, hoặc đang trống)
help-new-article = Một bài viết mới (content/articles/<slug>.md)
help-new-model = Một bài giới thiệu mô hình "Dân vận khéo" mới (content/models/)
help-new-explainer = Một bài giải thích chính sách mới (content/explainers/)
help-new-bulletin = Một số bản tin mới (content/bulletins/), đánh số tiếp theo số cuối cùng
help-new-page = Một trang thường mới (content/pages/), có địa chỉ /<slug>/
help-init = Tạo trang web mới (giống `bantin new site DIR`)
help-init-dir = Thư mục cần tạo (chưa có, hoặc đang trống) [mặc định: thư mục hiện tại]
help-help = Xem hướng dẫn của bantin hoặc của một lệnh
help-help-command = Lệnh cần xem (ví dụ `build`, hoặc `new article`)
help-arg-source = Thư mục trang web (thư mục có site.yaml) [mặc định: thư mục hiện tại]
help-arg-drafts = Dựng cả các bài đánh dấu `draft: true` (bản nháp)
help-arg-output = Thư mục xuất [mặc định: <thư mục trang web>/public]
help-arg-base_url = Dùng địa chỉ này thay cho base_url trong site.yaml (ví dụ cho máy chủ xem thử)
help-arg-title = Tiêu đề, đặt trong dấu ngoặc kép; tên tệp là dạng không dấu của nó ("Đổi mới công tác" → doi-moi-cong-tac.md)
help-arg-lang = Ngôn ngữ của bài (một mã trong site.yaml); nếu không ghi là ngôn ngữ mặc định

## src/messages/command_line.rs: lỗi khi gõ lệnh
usage-error = { $label }: { $problem }

    { $heading } { $usage }

    Xem thêm: `{ $command } --help`
usage-error-brief = { $label }: { $problem }

    Xem thêm: `bantin --help`
usage-unknown-command = không có lệnh `{ $command }`
usage-unknown-command-suggested = không có lệnh `{ $command }`; có phải ý bạn là `{ $suggestion }`?
usage-unknown-argument = không có tùy chọn `{ $argument }` ở đây
usage-unknown-argument-suggested = không có tùy chọn `{ $argument }` ở đây; có phải ý bạn là `{ $suggestion }`?
usage-invalid-value = `{ $value }` không phải giá trị của { $argument }; các giá trị được nhận: { $valid }
usage-value-not-accepted = { $argument } không nhận giá trị `{ $value }`
usage-missing-argument = còn thiếu: { $argument }
usage-missing-command = còn thiếu lệnh (build, watch, serve, check, print, new)
usage-conflict = không dùng { $argument } cùng với { $other }
usage-too-many = { $argument } được cho quá nhiều giá trị
usage-no-equals = { $argument } cần giá trị đặt sau dấu `=`
usage-other = câu lệnh chưa viết đúng
help-studio = Dựng, theo dõi và phục vụ trang cùng bàn soạn thảo: sửa bài ngay trên trình duyệt, kể cả bản nháp
help-studio-port = Cổng lắng nghe [mặc định: 1111]
help-studio-bind = Địa chỉ lắng nghe (127.0.0.1: chỉ máy này; địa chỉ khác cần BANTIN_STUDIO_PASSWORD) [mặc định: 127.0.0.1]
help-studio-open = Mở bàn soạn thảo trong trình duyệt mặc định khi trang đã dựng xong
cli-studio = bàn soạn thảo ở { $url } (bản xem trước được dựng trong { $output })

## bantin deploy
cli-deploy-nowhere = site.yaml chưa ghi nơi đăng: hãy thêm, ví dụ `deploy: sftp://bientap@example.org/var/www/dan-van` (xem docs/content-format.md, mục `deploy`)
cli-deploy-not-built = chưa tải gì lên: trang web đang chạy vẫn như cũ
deploy-destination-wrong = gặp “{ $found }”; cần một địa chỉ SFTP như sftp://bientap@example.org/var/www/site (có cổng: sftp://bientap@example.org:2222/...) hoặc bientap@example.org:public_html
deploy-cannot-read = không đọc được { $path }: { $error }
deploy-cannot-write = không ghi được { $path }: { $error }
deploy-no-sftp = không tìm thấy chương trình sftp: hãy cài trình khách OpenSSH (Debian, Ubuntu: `sudo apt install openssh-client`; macOS và Windows 10 trở lên đã có sẵn), hoặc chỉ đường dẫn bằng BANTIN_SFTP
deploy-sftp-failed = không chạy được sftp: { $error }
deploy-sftp-said = { $destination }: { $said }
deploy-path-too-long = một tên tệp quá dài đối với sftp, hoặc có dấu xuống dòng: { $line }
deploy-interrupted = việc tải lên dừng lại sau { $done } trên { $total } tệp ({ $problem }). Trang web đang chạy vẫn dùng được: mỗi trang được thay nguyên vẹn, sau các tệp nó dùng, và không gì bị xoá trước khi xong. Hãy chạy lại bantin deploy để tải nốt.
deploy-up-to-date = { $destination } đã mới nhất ({ $unchanged } tệp, không cần gửi gì)
deploy-would = sẽ tải { $uploaded } tệp ({ $kb } kB) lên { $destination }, xoá { $removed }, giữ nguyên { $unchanged }
deploy-done = đã đăng lên { $destination }: tải lên { $uploaded } tệp ({ $kb } kB), xoá { $removed }, giữ nguyên { $unchanged }
cli-password-prompt = Mật khẩu của bàn soạn thảo (không hiện khi gõ):
cli-password-empty = chưa nhập mật khẩu
cli-password-line = hãy thêm dòng này vào site.yaml; khi lắng nghe ngoài máy này (--bind), bàn soạn thảo sẽ hỏi mật khẩu:
help-studio-hash_password = Thay vào đó, hỏi một mật khẩu và in ra dòng giữ chuỗi băm của nó trong site.yaml (để dùng --bind trên địa chỉ khác)

## bantin import
import-not-yet = { $path }: bantin import đọc tệp Word (.docx), LibreOffice (.odt) và văn bản thuần (.txt); tệp .doc hay .rtf cũ hãy lưu lại thành .docx bằng Word hoặc LibreOffice trước
import-cannot-read = không đọc được { $path }: { $error }
import-not-utf8 = { $path } không phải văn bản UTF-8: nếu được gõ bằng phông tiếng Việt cũ, hãy cho biết bảng mã bằng --encoding tcvn3 (phông .VnTime) hoặc --encoding vni (phông VNI)
import-empty = { $path } không có chữ nào
import-unknown-kind = loại “{ $kind }” không có: import tạo `article` (bài viết), `model` (mô hình), `explainer` (bài giải thích) hoặc `page` (trang)
import-unknown-encoding = bảng mã “{ $name }” không có: cần tcvn3 hoặc vni
import-made = { $file } → { $item } (bản nháp: hãy đọc lại, điền nốt phần còn thiếu rồi đăng)
import-date-found = ngày { $date } lấy từ dòng “ngày … tháng … năm …” của tài liệu
import-date-today = tài liệu không ghi ngày: đã đặt ngày hôm nay, hãy kiểm tra
import-summary = phần tóm tắt là đoạn đầu tiên: hãy rút gọn nếu cần
help-import = Chuyển tài liệu thành bài nháp: tệp Word (.docx), LibreOffice (.odt) và văn bản thuần, bằng Unicode hoặc phông tiếng Việt cũ
help-import-files = Các tài liệu cần nhập, hoặc thư mục chứa chúng
help-import-kind = Loại bài cần tạo: `article` (bài viết), `model` (mô hình), `explainer` (bài giải thích) hoặc `page` (trang) [mặc định: `article`]
help-import-lang = Ngôn ngữ của bài (một mã trong site.yaml) [mặc định: ngôn ngữ mặc định]
help-import-encoding = Bảng mã tiếng Việt cũ của tệp: tcvn3 (phông .VnTime) hoặc vni (phông VNI-Times)
import-document-problem = { $path }: { $problem }
import-not-a-document = không phải tài liệu Word hay LibreOffice đọc được (bị hỏng, hoặc là loại tệp khác)
import-password-protected = tài liệu được đặt mật khẩu: mở bằng Word hoặc LibreOffice, bỏ mật khẩu (Tệp, Thông tin hoặc Thuộc tính, Bảo mật), lưu lại rồi nhập lại
import-old-word-document = đây là tài liệu Word cũ (.doc) mang tên khác: mở bằng Word hoặc LibreOffice, lưu thành .docx hoặc .odt rồi nhập tệp đó
import-cannot-write = không ghi được { $path }: { $error }
import-comments-dropped = đã bỏ các nhận xét (comment) của tài liệu
import-revisions = tài liệu có theo dõi sửa đổi: đã lấy bản đã chấp nhận (giữ phần thêm, bỏ phần xoá); hãy kiểm tra lại
import-picture-no-alt = ảnh { $name } không có mô tả trong tài liệu: hãy ghi ảnh thể hiện gì vào ![...] trong bài
import-merged-cells = một bảng có ô gộp hoặc bảng lồng trong ô: đã viết thành bảng thường, ô gộp ghi một lần; hãy kiểm tra lại
import-author = tác giả “{ $author }” lấy từ thuộc tính của tài liệu: hãy kiểm tra
import-author-signed = tác giả “{ $author }” lấy từ phần ký tên cuối văn bản: hãy kiểm tra
import-locality = địa bàn { $id } ({ $name }) đoán từ các địa danh trong tài liệu: hãy kiểm tra
import-locality-comment = { $name }, đoán từ tài liệu: hãy kiểm tra
deploy-already-running = đang có một lần đăng khác của trang này (từ cửa sổ lệnh hoặc từ studio); chưa gửi gì: hãy thử lại khi lần kia xong

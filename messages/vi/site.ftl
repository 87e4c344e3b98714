# Thông báo của bantin: xem src/messages.rs.
# Toàn bộ trang web: site.yaml, data/localities.yaml, data/topics.yaml, giao diện và các chuỗi
# chữ giao diện, thư viện bài và địa chỉ các trang. Tiếng Việt.

## Dùng chung cho nhiều tệp
site-cannot-read = không đọc được: { $error }

## src/config.rs
site-config-cannot-read = không đọc được tệp cấu hình của trang web: { $error }; cần có tệp site.yaml ở thư mục gốc của trang web (tạo mới bằng lệnh `bantin new site DIR`)
site-yaml-invalid = tệp site.yaml viết sai cú pháp YAML: { $error }
site-yaml-not-a-map = đang là { $found }; cần các dòng dạng `khóa: giá trị`, bắt đầu bằng `title:` và `base_url:`
# Ai nhận các khóa, trong thông báo "khóa không hợp lệ": "…; site.yaml chỉ nhận các khóa: title, base_url, …"
site-yaml-accepts = site.yaml chỉ nhận các khóa
site-default-language-unknown = `{ $code }` không có trong các ngôn ngữ đã khai báo ({ $codes })
# $problem: giá trị của `fallback:` sai thế nào (không phải một trong hai từ).
site-fallback-choices = { $problem } (`none`: bài chưa có bản dịch sẽ không hiện trong danh sách bài của ngôn ngữ đó; `default`: bài vẫn hiện, kèm ghi chú và liên kết tới bản gốc)
site-cli-language-choices = { $problem } (ngôn ngữ của thông báo do bantin in ra: `vi` tiếng Việt, `en` tiếng Anh)
site-print-columns-wrong = đang là { $found }; cần 1 (mặc định) hoặc 2 (trình bày hai cột như bản tin giấy)
site-paginate-too-large = đang là { $number }; cần một số nhỏ hơn (số bài trên mỗi trang danh sách)
site-paginate-wrong = đang là { $found }; cần một số nguyên từ 1 trở lên, là số bài trên mỗi trang danh sách, ví dụ `{ $example }`
site-share-budget-too-large = đang là { $number }; cần một số ký tự nhỏ hơn
site-share-budget-wrong = đang là { $found }; cần một số nguyên từ 1 trở lên, là số ký tự, ví dụ `{ $example }`
site-speaking-rate-wrong = đang là { $found }; cần số từ đọc trong một phút của bản đọc trên loa, một số nguyên như `{ $example }`, hoặc cho từng ngôn ngữ: `{"{"} vi: 130, en: 150 {"}"}`
site-abbreviations-invalid = { $error }; cần các chữ viết tắt của từng ngôn ngữ: `vi: {"{"} UBND: Ủy ban nhân dân {"}"}`
site-languages-not-a-list = đang là { $found }; cần một danh sách ngôn ngữ, mỗi mục có `- code: vi` và `name: Tiếng Việt`
site-language-not-a-map = mục { $entry }: đang là { $found }; cần có `code:` và `name:` (có thể thêm `title:` và `partial:`)
site-language-unknown-key = mục { $entry }: khóa `{ $key }` không hợp lệ; mỗi ngôn ngữ chỉ có các khóa `code`, `name`, `title` và `partial`
site-language-partial = mục { $entry }, `partial`: đang là { $found }; cần true hoặc false
# $problem: giá trị của khóa đó sai thế nào.
site-language-field = mục { $entry }, `{ $field }`: { $problem }
site-language-incomplete = mục { $entry }: cần có cả `code` và `name` (ví dụ `- code: vi` và `name: Tiếng Việt`)
site-language-code-invalid = `{ $code }` không phải mã ngôn ngữ; cần mã theo chuẩn BCP 47, như vi, en, fr, hmn hoặc zh-Hant
site-language-listed-twice = ngôn ngữ `{ $code }` được khai báo hai lần
site-base-url-not-absolute = `{ $url }` không phải địa chỉ web đầy đủ bắt đầu bằng http:// hoặc https://; cần ghi như https://example.org/dan-van/
site-base-url-invalid = `{ $url }` không phải địa chỉ web gốc hợp lệ; cần ghi như https://example.org/dan-van/

## src/locality.rs
site-locality-id-twice = mã `{ $id }` được khai báo hai lần: ở dòng { $first } và ở đây; mỗi mã chỉ được dùng một lần
site-locality-province-level = `{ $id }`: cấp đang là `{ $level }`; ở ngoài cùng cần cấp `province` (tỉnh, thành phố)
site-locality-unit-level = `{ $id }`: cấp đang là `{ $level }`; cần commune (xã), ward (phường) hoặc special-zone (đặc khu)
site-locality-unit-has-children = `{ $id }` có đơn vị con; chỉ tỉnh, thành phố mới có đơn vị con (chính quyền địa phương hai cấp)
site-former-is-current = `{ $former }` được ghi là đơn vị cũ của `{ $current }` nhưng cũng là một đơn vị hiện nay; mỗi đơn vị chỉ có thể là đơn vị hiện nay hoặc đơn vị cũ
site-locality-no-registry = đang là `{ $id }`, nhưng tệp data/localities.yaml không có hoặc chưa có địa bàn nào; cần khai báo địa bàn này trong tệp đó (xem cách làm trong phần chú thích của tệp và trong docs/content-format.md)
site-locality-unknown = đang là `{ $id }`, không có trong data/localities.yaml; cần mã tỉnh, hoặc mã tỉnh/xã
site-locality-unknown-suggest = đang là `{ $id }`, không có trong data/localities.yaml (có phải ý bạn là `{ $suggestion }`?); cần mã tỉnh, hoặc mã tỉnh/xã
site-locality-id-invalid = mã đang là `{ $id }`; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ ninh-binh)

## src/library.rs
site-slug-empty = đang là `{ $value }`, không tạo được slug (phần tên bài trong địa chỉ web); cần có chữ cái hoặc chữ số
site-file-name-slug-empty = tên tệp không tạo được slug (phần tên bài trong địa chỉ web); tên tệp cần có chữ cái hoặc chữ số, hoặc thêm khóa `slug:`
site-alias-invalid = đang là `{ $value }`; cần một đường dẫn cũ của chính trang web này, như /tin-cu/bai-viet/ (không có `..`, không ghi http:// hay https://)
site-image-not-in-static = đang là `{ $value }`, không có trong thư mục static/; cần có tệp static/{ $file }
site-image-not-bundle = đang là `{ $value }`, một đường dẫn tính từ bài viết, nhưng bài này không nằm trong thư mục riêng (bundle); hãy đưa bài vào thư mục riêng (<slug>/index.md, ảnh để cạnh tệp đó) hoặc để ảnh trong static/ và ghi `/{ $value }`
site-image-not-in-bundle = đang là `{ $value }`, không có tệp này trong thư mục của bài { $folder }
site-second-version = là bản `{ $lang }` thứ hai của cùng một bài với { $first }; mỗi ngôn ngữ chỉ được có một tệp (hãy kiểm tra khóa translation_key)
site-bulletin-lists-itself = số bản tin này không thể tự ghi tên chính nó; hãy xóa mục này
site-bulletin-twice = `{ $item }` được ghi hai lần (lần đầu ở dòng { $first }); mỗi bài chỉ ghi một lần: hãy xóa mục này
site-bulletin-draft = `{ $item }` là bản nháp, chưa được xuất bản; hãy xuất bản bài đó hoặc bỏ nó khỏi số bản tin này
site-bulletin-no-match = `{ $item }` không khớp với bài nào; cần ghi như articles/<slug> (tên tệp trong thư mục content/, bỏ đuôi .md)
site-bulletin-no-match-hint = `{ $item }` không khớp với bài nào (có phải ý bạn là `{ $suggestion }`?); cần ghi như articles/<slug> (tên tệp trong thư mục content/, bỏ đuôi .md)
site-search-folder-taken = đặt một tệp ở /{ $file }, trong thư mục của trang tìm kiếm và chỉ mục tìm kiếm (/{ $folder }); hãy chuyển tệp đó sang chỗ khác
# Hai thứ cùng tạo ra một tệp; $other là một tệp (content/…, static/…)…
site-route-collision-file = trùng địa chỉ web (/{ $url }) với { $other }; mỗi bài cần một địa chỉ riêng: hãy đổi `slug` của một trong hai bài
# …hoặc một trang do bantin tạo ra (một trong các tên site-origin-… bên dưới).
site-route-collision-page = trùng địa chỉ web (/{ $url }) với { $other }; mỗi bài cần một địa chỉ riêng: hãy đổi `slug` để địa chỉ khác đi

## src/library.rs: tên của các trang do bantin tạo ra, khi thông báo cần nhắc tới chúng
# $section: articles, models, explainers hoặc bulletins.
site-origin-listing = { $section ->
    [articles] danh sách bài viết
    [models] danh sách mô hình
    [explainers] danh sách bài giải thích chính sách
    [bulletins] danh sách bản tin
   *[other] danh sách { $section }
}
# $kind: topic, locality, model_area, model_year hoặc model_locality.
site-origin-collection = { $kind ->
    [topic] trang chủ đề
    [locality] trang địa bàn
    [model_area] trang mô hình theo lĩnh vực
    [model_year] trang mô hình theo năm
    [model_locality] trang mô hình theo địa bàn
   *[other] trang { $kind }
}
site-origin-home = trang chủ ({ $lang })
site-origin-feed = nguồn tin RSS ({ $lang })
site-origin-search-page = trang tìm kiếm ({ $lang })
site-origin-search-index = chỉ mục tìm kiếm ({ $lang })
site-origin-topics = trang các chủ đề
site-origin-localities = trang các địa bàn
site-origin-share-page = trang chia sẻ
site-origin-share-json = tệp share.json
site-origin-not-found = trang 404 (không tìm thấy trang)
site-origin-sitemap = sơ đồ trang (sitemap)
site-origin-former-locality = địa bàn cũ { $id }

## src/i18n.rs
site-months-wrong-count = đang là danh sách { $count } mục; cần đúng 12 tên tháng, mỗi tên là một chuỗi chữ, bắt đầu từ tháng Một
site-months-not-all-texts = đang là danh sách { $count } mục (có mục không phải chuỗi chữ); cần đúng 12 tên tháng, mỗi tên là một chuỗi chữ, bắt đầu từ tháng Một
site-months-not-a-list = đang là { $found }; cần danh sách 12 tên tháng, bắt đầu từ tháng Một
site-ui-string-not-text = đang là { $found }; cần một chuỗi chữ
site-strings-not-a-map = đang là { $found }; cần các dòng dạng `khóa: chữ`, mỗi dòng một chuỗi chữ giao diện
site-strings-invalid = tệp chuỗi chữ giao diện viết sai cú pháp: { $error }
# $keys: các khóa còn thiếu, cách nhau bởi ", "; $shown: site-ui-shown-in-english hoặc
# site-ui-shown-in-default, các ngôn ngữ dùng để hiện thay.
site-ui-missing = thiếu { $count } chuỗi chữ giao diện trong `{ $lang }` (tạm hiện bằng { $shown }): { $keys }
site-ui-shown-in-english = tiếng Anh
# $language: tên ngôn ngữ mặc định của trang web.
site-ui-shown-in-default = { $language }, nếu không có thì bằng tiếng Anh

## src/theme.rs
# Tên trong thông báo của một tệp thuộc giao diện có sẵn trong bantin.
site-built-in-theme-file = (giao diện có sẵn)/{ $file }
site-theme-not-found = không tìm thấy giao diện `{ $theme }`; cần có thư mục themes/{ $theme }/ (hoặc bỏ khóa `theme:` để dùng giao diện mặc định có sẵn)
site-cannot-read-path = không đọc được { $path }: { $error }
site-cannot-read-loop = không đọc được: { $path } trỏ ngược về thư mục { $ancestor } chứa nó (thư mục lặp vòng)
site-not-utf8 = không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8
site-include-circle = lỗi mẫu (template): `{ $from }` chèn (include) `{ $to }`, mà mẫu này lại dẫn ngược về nó ({ $circle }); các mẫu không được chèn lẫn nhau thành vòng tròn
site-extends-circle = lỗi mẫu (template): `{ $from }` kế thừa (extends) `{ $to }`, mà mẫu này lại dẫn ngược về nó ({ $circle }); các mẫu không được kế thừa lẫn nhau thành vòng tròn

## src/taxonomy.rs
site-topics-invalid = { $error }; cần mỗi chủ đề một dòng: `<chủ đề như ghi trong phần đầu>: {"{"} en: <tên>, fr: <tên> {"}"}`
site-deploy-wrong = gặp { $found }; cần một địa chỉ SFTP (deploy: sftp://bientap@example.org/var/www/site) hoặc một bảng có `to:` và có thể thêm `identity:`, `known_hosts:`
site-deploy-unknown-key = khoá lạ `{ $key }`; deploy nhận to, identity, known_hosts
site-deploy-no-to = bảng thiếu `to:` (địa chỉ SFTP để tải lên)
site-studio-password-not-a-hash = cần chuỗi băm do `bantin studio --hash-password` in ra (không bao giờ ghi mật khẩu rõ ở đây)

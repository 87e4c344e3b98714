# Messages of bantin: see src/messages.rs.
# Dựng trang web: Markdown, ảnh, mẫu (template), ghi thư mục xuất, bản in, `bantin new`.

## Shared by several files
build-cannot-read = không đọc được { $path }: { $error }
build-cannot-write = không ghi được { $path }: { $error }
build-cannot-create = không tạo được { $path }: { $error }
build-unknown-language = --lang { $lang }: ngôn ngữ này chưa được khai báo trong site.yaml; các ngôn ngữ đã khai báo: { $codes }

## src/pipeline.rs
build-no-site-yaml = { $folder } không có tệp site.yaml: hãy chạy bantin trong thư mục của trang web, hoặc thêm --source THƯ_MỤC, hoặc tạo trang web mới bằng `bantin new site THƯ_MỤC`
build-base-url-option = --base-url: { $error }
build-waiting-for-other-build = một lần dựng khác vào { $output } đang chạy; đang chờ lần đó xong
build-former-locality = `{ $former }` là đơn vị cũ, nay thuộc `{ $id }` ({ $name }); bài được xếp vào đó: hãy viết `locality: { $id }`
build-pages-for-example = { $count } trang, ví dụ { $origin }
build-while-rendering = { $message } (khi dựng { $pages })
build-while-rendering-excerpt =
    { $message } (khi dựng { $pages })
    { $excerpt }
build-progress = đã dựng { $done }/{ $total } bài
build-summary = { $pages } trang ({ $detail }), { $files } tệp, trong { $seconds } giây
build-summary-with-images = { $pages } trang ({ $detail }), { $files } tệp, { $images } ảnh ({ $processed } ảnh mới thu nhỏ, { $cached } ảnh lấy từ bộ nhớ đệm), trong { $seconds } giây
build-summary-language = { $lang }: { $counts }
build-summary-no-items = chưa có bài nào
build-count-articles = { $count } bài viết
build-count-models = { $count } mô hình
build-count-explainers = { $count } bài giải thích chính sách
build-count-bulletins = { $count } bản tin
build-count-pages = { $count } trang

## src/write.rs
build-cannot-create-output = không tạo được thư mục xuất { $path }: { $error }
build-render-thread-failed = một luồng dựng trang đã dừng vì lỗi
build-cannot-copy = không chép được { $from } sang { $to }: { $error }
build-cannot-remove = không xóa được { $path }: { $error }
build-cannot-create-lock = không tạo được tệp khóa (lock) { $path }: { $error }
build-cannot-lock = không giữ được tệp khóa (lock) { $lock } cho { $output }: { $error }
build-not-a-plain-path = không ghi `{ $file }`: đây không phải một đường dẫn bình thường bên trong thư mục xuất
build-cannot-read-current-folder = không đọc được thư mục hiện tại: { $error }
build-not-an-output-folder = không thể dùng { $path } làm thư mục xuất
build-output-is-root = không dùng { $path } làm thư mục xuất: đó là thư mục gốc của cả hệ thống tệp
build-output-is-home = không dùng { $path } làm thư mục xuất: đó là thư mục nhà (home) của bạn
build-output-holds-sources = không dùng { $path } làm thư mục xuất: thư mục này chứa các tệp nguồn của trang web
build-output-inside-site-folder = không dùng { $path } làm thư mục xuất: nó nằm trong thư mục { $folder }/ của trang web
build-output-is-a-file = không dùng { $path } làm thư mục xuất: đó là một tệp, không phải thư mục
build-output-not-made-by-bantin = không thay thế { $path }: thư mục này không trống và không do bantin tạo ra (không có tệp { $marker }); hãy chọn --output khác hoặc làm trống thư mục đó

## src/markdown.rs
build-raw-html-too-deep = HTML viết tay lồng nhau sâu { $depth } tầng: chỉ được mở tối đa { $max } thẻ lồng trong nhau; hãy đóng các thẻ đã mở (`<div>` ... `</div>`)
build-unsafe-scheme-link = `{ $dest }` bắt đầu bằng `{ $scheme }:`, loại địa chỉ mà liên kết không được dùng (chỉ được dùng { $allowed }): liên kết được xuất bản thành `#`
build-unsafe-scheme-image = `{ $dest }` bắt đầu bằng `{ $scheme }:`, loại địa chỉ mà liên kết không được dùng (chỉ được dùng { $allowed }): ảnh bị bỏ đi (chỉ hiện mô tả ảnh)

## src/render/links.rs
build-image-not-in-static = ảnh `{ $dest }` không có trong static/; cần có tệp static/{ $rooted }
build-image-climbs-out = ảnh `{ $dest }` trỏ ra ngoài thư mục trang web; cần một tệp nằm cạnh bài
build-image-missing = ảnh `{ $dest }` trỏ tới { $path }, nhưng tệp này không có
build-image-outside-bundle = ảnh `{ $dest }` không nằm trong thư mục riêng của bài; hãy làm bài thành một thư mục (<slug>/index.md, ảnh đặt cạnh tệp đó) hoặc đặt ảnh vào static/ và viết `/{ $name }`
build-link-climbs-out = liên kết `{ $dest }` trỏ ra ngoài thư mục trang web; cần đường dẫn tới một tệp Markdown trong content/
build-link-to-draft = liên kết `{ $dest }` trỏ tới một bản nháp ({ $path }), bài này chưa được xuất bản; hãy xuất bản bài đó hoặc bỏ liên kết
build-link-missing = liên kết `{ $dest }` trỏ tới { $path }, nhưng tệp này không có; cần đường dẫn tới một tệp Markdown, tính từ vị trí của tệp đang viết

## src/render/mod.rs
build-caused-by = nguyên nhân: { $cause }
build-template-not-found = không tìm thấy mẫu (template) này trong giao diện hay trong thư mục templates/ của trang web; cần có tệp này
build-asset-url-unknown = asset_url: `{ $path }` không phải một tệp trong thư mục static/ của giao diện hay của trang web
build-template-error = lỗi mẫu (template): { $error }

## src/template_budget.rs
build-range-step-zero = `range` được gọi với `step_by=0`; cần một bước khác 0
build-range-start-after-end = `range` được gọi với `start` lớn hơn `end`; cần start <= end (hoặc step_by âm)
build-range-too-long = `range` sẽ tạo { $count } số; chỉ được tối đa { $max } số
build-range-page-budget = `range` sẽ tạo hơn { $max } số cho cả trang này (có vòng lặp nằm trong vòng lặp?); một trang cần ít việc hơn
build-page-too-large = trang dựng từ mẫu (template) này đã vượt quá { $megabytes } MB (có vòng lặp chạy quá lâu?); một trang chỉ được lớn tối đa chừng đó

## src/images.rs
build-image-unreadable = không đọc được ảnh { $path }: { $error }
build-image-other-format = ảnh { $path } không phải tệp { $claimed } mà là { $found }; hãy lưu lại thành { $claimed } hoặc đổi đuôi tệp cho đúng
build-image-unknown-kind = ảnh { $path } không phải ảnh { $claimed } (tệp bị hỏng hoặc thuộc loại không rõ); hãy xuất lại ảnh thành { $claimed }
build-image-cache-unwritable = ảnh { $path } đã xử lý xong nhưng không ghi được bộ nhớ đệm ảnh { $cache }: { $error }; hãy cho phép ghi vào thư mục đó hoặc xóa nó đi
build-image-damaged = không đọc được nội dung ảnh { $path }: tệp bị hỏng
build-image-undecodable = không đọc được nội dung ảnh { $path } ({ $cause }); tệp bị hỏng: hãy xuất lại ảnh
build-image-too-large = ảnh { $path } quá lớn để xử lý; ảnh chỉ được tối đa 40 megapixel và 10.000 điểm ảnh mỗi cạnh: hãy xuất ảnh nhỏ hơn
build-image-too-many-pixels = ảnh { $path } có kích thước { $width } x { $height } điểm ảnh, quá lớn để xử lý; ảnh chỉ được tối đa 40 megapixel và 10.000 điểm ảnh mỗi cạnh: hãy xuất ảnh nhỏ hơn
build-image-empty = ảnh { $path } trống (0 điểm ảnh)
build-image-too-wide-for-jpeg = ảnh { $path } quá rộng để lưu thành JPEG
build-image-too-tall-for-jpeg = ảnh { $path } quá cao để lưu thành JPEG
build-image-pixel-format-for-jpeg = ảnh { $path } có kiểu điểm ảnh mà JPEG không lưu được
build-image-unencodable = không lưu được ảnh { $path } thành { $format }: { $error }

## src/pdf/mod.rs
build-print-no-browser = không tìm thấy Chromium hay Chrome trong PATH; hãy cài một trình duyệt (ví dụ `apt-get install chromium`) hoặc thêm --browser ĐƯỜNG_DẪN. Nếu không có trình duyệt, hãy dựng trang web, mở bulletins/{ $bulletin }/print/ trong trình duyệt và chọn In → Lưu thành PDF
read-aloud-no-espeak = chưa cài espeak-ng nên không đọc được bản tin thành tệp âm thanh: trên Debian hoặc Ubuntu chạy `sudo apt-get install espeak-ng`, trên Windows và macOS dùng bộ cài ở github.com/espeak-ng/espeak-ng/releases; không có nó vẫn in được bản đọc
read-aloud-espeak-failed = espeak-ng không đọc được bản tin: { $error }
read-aloud-espeak-status = espeak-ng dừng lại: { $status }
build-print-no-browser-at = không tìm thấy Chromium hay Chrome ở { $path }; hãy cài một trình duyệt (ví dụ `apt-get install chromium`) hoặc thêm --browser ĐƯỜNG_DẪN. Nếu không có trình duyệt, hãy dựng trang web, mở bulletins/{ $bulletin }/print/ trong trình duyệt và chọn In → Lưu thành PDF
build-print-no-local-port = không mở được cổng mạng trên máy: { $error }
build-print-cannot-impose = không ghép được { $path } thành sổ: trình duyệt ghi ra PDF ở dạng bantin không đọc được (hãy in không có --booklet, hoặc chọn "Booklet" trong hộp thoại in của trình đọc PDF)
build-print-unknown-bulletin = không có bản tin `{ $bulletin }` bằng ngôn ngữ `{ $lang }`; các bản tin bằng ngôn ngữ này: { $known }
build-print-no-bulletins = không có bản tin `{ $bulletin }` bằng ngôn ngữ `{ $lang }`; chưa có bản tin nào bằng ngôn ngữ này
build-print-base-path = không phục vụ được đường dẫn con { $path } của base_url trên máy để in
build-cannot-run = không chạy được { $program }: { $error }
build-print-no-pdf = { $browser } không tạo ra tệp PDF ({ $status }): { $said }

## src/new.rs
build-new-site-not-empty = { $path } không trống; hãy chọn một thư mục mới
build-new-empty-slug = tiêu đề không tạo ra được tên tệp (slug); hãy dùng tiêu đề có chữ cái hoặc chữ số
build-new-exists = { $path } đã có rồi
# Comments in the front matter of a new item.
build-new-comment-draft = xóa dòng này để xuất bản
build-new-comment-items = ví dụ - articles/<slug>
build-new-comment-policy = văn bản được giải thích, ví dụ Nghị quyết số 18-NQ/TW
build-new-title-line-break = tiêu đề có dấu xuống dòng ({ $character }); tiêu đề cần nằm trên một dòng
build-new-title-control-character = tiêu đề có ký tự điều khiển vô hình { $character }, không trang nào chứa được ký tự này; hãy gõ lại tiêu đề mà không có nó
build-new-model-needs-locality = mô hình cần có địa bàn, nhưng data/localities.yaml chưa có địa bàn nào; hãy thêm danh sách địa bàn trước

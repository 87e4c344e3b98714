# Messages of bantin: see src/messages.rs.
# Content: the Markdown files under content/, their front matter, YAML and dates, in Vietnamese.

## src/content/mod.rs

content-symbolic-link = là một lối tắt (symbolic link); cần một tệp hoặc thư mục thật: bantin không đi theo lối tắt, hãy chép chính tệp đó vào đây
content-symbolic-link-to = là một lối tắt (symbolic link) tới { $target }; cần một tệp hoặc thư mục thật: bantin không đi theo lối tắt, hãy chép chính tệp đó vào đây
content-no-content-folder = không có thư mục content/; cần có content/articles/, content/models/... (xem `bantin new site`)
content-cannot-read = không đọc được: { $error }
content-file-directly-in-content = tệp Markdown nằm ngay trong content/; cần đặt nó vào một trong các thư mục: { $folders }
content-unknown-folder = thư mục `content/{ $folder }` không hợp lệ; cần là một trong các thư mục: { $folders }
content-unknown-language-suffix = đuôi tên tệp `.{ $suffix }` không phải một ngôn ngữ đã khai báo; các ngôn ngữ đã khai báo (trong site.yaml): { $languages }
content-index-directly-in-section = `index.md` nằm ngay trong content/{ $section }/; một bài có thư mục riêng (bundle) phải là một thư mục: content/{ $section }/<slug>/index.md
content-not-utf8 = tệp không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8

## src/content/bundle_files.rs

content-bundle-html = tệp HTML trong thư mục của bài có thể chạy mã (script) trên trang web, nên không được xuất bản; hãy viết trang bằng Markdown, hoặc đặt `unsafe_html: true` trong site.yaml để xuất bản nguyên trạng các tệp trong thư mục của bài
content-bundle-svgz = không kiểm tra được mã (script) trong tệp SVG nén (.svgz), nên tệp không được xuất bản; hãy lưu thành tệp .svg thường
content-svg-not-utf8 = tệp SVG không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8
content-svg-not-valid = không phải tệp SVG hợp lệ ({ $problem }); cần một ảnh SVG
content-svg-element = ảnh SVG có thẻ <{ $element }>, thẻ này sẽ chạy trên trang web; hãy xóa thẻ đó (hoặc đặt `unsafe_html: true` trong site.yaml để xuất bản nguyên trạng các tệp trong thư mục của bài)
content-svg-event-handler = ảnh SVG có thuộc tính xử lý sự kiện `{ $attribute }`, thuộc tính này sẽ chạy mã trên trang web; hãy xóa nó (hoặc đặt `unsafe_html: true` trong site.yaml để xuất bản nguyên trạng các tệp trong thư mục của bài)
content-svg-script-link = ảnh SVG có liên kết chạy mã `{ $attribute }="{ $value }"`, liên kết này sẽ chạy trên trang web; hãy xóa nó (hoặc đặt `unsafe_html: true` trong site.yaml để xuất bản nguyên trạng các tệp trong thư mục của bài)

## src/content/front_matter.rs

content-no-opening-line = thấy `{ $found }`; cần dòng đầu tiên của tệp là `---` để mở phần đầu (front matter)
content-front-matter-not-closed = phần đầu (front matter) mở ở dòng 1 nhưng không được đóng; cần một dòng `---` sau khóa cuối cùng
content-front-matter-not-yaml = phần đầu (front matter) không phải YAML hợp lệ: { $problem }
content-front-matter-not-a-map = thấy { $found }; cần phần đầu (front matter) gồm các dòng `khóa: giá trị`
content-accepts-article = bài viết nhận các khóa
content-accepts-model = mô hình (Dân vận khéo) nhận các khóa
content-accepts-explainer = bài giải thích chính sách nhận các khóa
content-accepts-bulletin = bản tin nhận các khóa
content-accepts-page = trang nhận các khóa
content-unknown-key = khóa không hợp lệ; { $accepts }: { $keys }
content-unknown-key-suggest = khóa không hợp lệ (có phải ý bạn là `{ $suggestion }`?); { $accepts }: { $keys }
content-required-key-missing = thiếu khóa bắt buộc này
content-image-alt-missing = có `image` nhưng `image_alt` bị thiếu hoặc để trống; cần một câu mô tả ảnh ngắn cho người đọc không nhìn thấy ảnh
content-topic-without-letters = thấy `{ $topic }`, tên này cho ra địa chỉ web rỗng; cần tên chủ đề có chữ cái hoặc chữ số
content-empty-text = thấy chuỗi chữ trống; cần một chuỗi chữ có nội dung
content-expected-text = thấy { $found }; cần một chuỗi chữ
content-expected-url = thấy `{ $found }`; cần một địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc http://
content-expected-video = thấy `{ $found }`; cần địa chỉ của một video YouTube (https://www.youtube.com/watch?v=…, https://youtu.be/…, …/shorts/…) hoặc video Facebook (…/videos/…, /watch?v=…, /reel/…, fb.watch/…)
content-expected-true-or-false = thấy { $found }; cần `true` (có) hoặc `false` (không)
content-whole-number-too-large = thấy { $found }, một số quá lớn; cần một số nguyên có tối đa 18 chữ số
content-expected-whole-number = thấy { $found }; cần một số nguyên
content-edition-out-of-range = thấy { $number }; cần một số nguyên từ 1 đến 999999999
content-edition-too-large = thấy { $found }, một số quá lớn; cần một số nguyên từ 1 đến 999999999
content-edition-not-a-number = thấy { $found }; cần một số nguyên từ 1 đến 999999999
content-expected-year = thấy { $year }; cần một năm, ví dụ 2025
content-expected-date = thấy { $found }; cần một ngày, ví dụ 2025-08-12
content-list-entry = một mục trong danh sách: { $problem }
content-expected-list-not-text = thấy một chuỗi chữ { $found }; cần một danh sách (mỗi dòng một `- mục`, hoặc [a, b])
content-expected-list = thấy { $found }; cần một danh sách các chuỗi chữ
content-expected-share = thấy { $found }; cần một danh sách các ý chính, hoặc `false` để tắt chia sẻ
content-expected-one-of = thấy { $found }; cần một trong các giá trị: { $names }
content-expected-one-of-suggest = thấy { $found } (có phải ý bạn là `{ $suggestion }`?); cần một trong các giá trị: { $names }
content-value-nothing = giá trị trống
content-value-written = `{ $value }`
content-value-number = số `{ $number }`
content-value-list = một danh sách
content-value-map = một nhóm khóa lồng bên trong

## src/yaml.rs: the YAML mistakes it recognises

content-yaml-number-too-large = thấy số `{ $number }`, số này quá lớn để đọc được; cần một số nguyên có tối đa 18 chữ số
content-yaml-tab = dòng này thụt lề bằng phím Tab; cần thụt lề bằng dấu cách (YAML không cho thụt lề bằng Tab)
content-yaml-colon-in-value = giá trị có dấu hai chấm rồi dấu cách, YAML hiểu đó là chỗ bắt đầu một khóa khác; hãy đặt cả giá trị trong dấu ngoặc kép: `{ $key }: "{ $value }"`
content-yaml-list-not-closed = danh sách mở bằng dấu [ ở đầu giá trị không được đóng; cần dấu ] ở cuối giá trị
content-yaml-quote-not-closed = dấu nháy { $quote } mở đầu giá trị không được đóng; cần dấu { $quote } ở cuối giá trị
content-yaml-text-after-quote = giá trị còn chữ sau dấu nháy đóng { $quote }; hãy dùng loại dấu nháy khác bao cả giá trị: `{ $key }: { $value }`
content-yaml-key-twice = khóa này được viết hai lần; mỗi khóa chỉ viết một lần (giá trị viết lần đầu sẽ bị mất)
content-yaml-escaped-control = { $problem } (được viết bằng mã có dấu gạch ngược \)

## src/date.rs

content-not-a-zone = thấy `{ $name }`, đây không phải tên múi giờ; cần tên múi giờ IANA, ví dụ `{ $default_zone }` (Việt Nam) hoặc `Europe/Paris`
content-not-a-zone-suggest = thấy `{ $name }`, đây không phải tên múi giờ (có phải ý bạn là `{ $suggestion }`?); cần tên múi giờ IANA, ví dụ `{ $default_zone }` (Việt Nam) hoặc `Europe/Paris`
content-bantin-now-invalid = cảnh báo: BANTIN_NOW=`{ $value }` không phải một thời điểm theo RFC 3339 ({ $error }); dùng đồng hồ của máy
content-not-a-date = `{ $value }` không phải một ngày; cần dạng YYYY-MM-DD (năm-tháng-ngày), hoặc ngày và giờ như 2025-08-12T08:30:00 (theo múi giờ của trang web) hoặc 2025-08-12T08:30:00+07:00
content-date-no-such-month = `{ $value }` không phải một ngày có thật (tháng chỉ từ 01 đến 12); cần dạng YYYY-MM-DD: năm, tháng, ngày
content-date-no-such-day = `{ $value }` không phải một ngày có thật (tháng { $month } có { $days } ngày); cần dạng YYYY-MM-DD: năm, tháng, ngày

# A character by its code point, with a name for the invisible ones bantin refuses.
content-character = U+{ $code }{ $name ->
    [nul] {" "}(ký tự NUL)
    [backspace] {" "}(ký tự xóa lùi)
    [vertical-tab] {" "}(ký tự tab dọc)
    [form-feed] {" "}(ký tự sang trang)
    [escape] {" "}(ký tự ESC)
    [delete] {" "}(ký tự DEL)
   *[other] {""}
}
content-forbidden-character = có ký tự điều khiển vô hình { $character }, thứ mà không trang web, nguồn tin hay bản in nào mang được (thường lẫn vào khi dán chữ từ Word hoặc PDF); hãy xóa nó
content-long-url-part = có một đoạn `{ $part }…` dài { $bytes } byte; giữa hai dấu `/` chỉ được tối đa { $most } byte (đoạn này thành tên thư mục): hãy rút ngắn

# A value of the wrong kind in a data file or site.yaml (what serde reads as a type mistake).
# $found / $expected: number, text, boolean, list, map, empty or other; $value: as written.
content-yaml-wrong-type = đang là { $found ->
    [number] số `{ $value }`
    [text] chữ "{ $value }"
    [boolean] `{ $value }`
    [list] một danh sách
    [map] các dòng `khóa: giá trị`
    [empty] giá trị trống
   *[other] một giá trị khác loại
}; cần { $expected ->
    [number] một số
    [text] chữ
    [boolean] `true` hoặc `false`
    [list] một danh sách (các dòng bắt đầu bằng `- `, hoặc `[a, b]`)
    [map] các dòng `khóa: giá trị` (thụt lề bên dưới, hoặc `{"{"} khóa: giá trị {"}"}`)
   *[other] một giá trị loại khác
}
content-yaml-missing-key = thiếu khóa `{ $key }`; mục nào ở đây cũng cần khóa này
content-yaml-unknown-key = `{ $key }` không phải khóa của mục này; cần một trong các khóa: { $keys }
content-yaml-unknown-value = đang là `{ $value }`; cần một trong các giá trị: { $values }
content-yaml-no-form = giá trị này không có dạng nào được nhận ở đây (xem các dạng trong docs/content-format.md)
# A YAML mistake not recognised: $words are the YAML reader's own (English) words.
content-yaml-other = trình đọc YAML dừng ở đây (`{ $words }`); hãy xem lại thụt lề (chỉ dùng dấu cách, các khóa cùng cấp thụt lề như nhau) và đặt giá trị có dấu `:` hoặc `#` trong dấu ngoặc kép

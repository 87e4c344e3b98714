# Thông báo dòng lệnh của bantin (src/main.rs), tiếng Việt. Xem src/messages.rs.

cli-problems-found = Tìm thấy { $count } lỗi

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

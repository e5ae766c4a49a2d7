# language: vi
@security
Tính năng: Trang mở được khi chưa đăng nhập không lộ thông tin cá nhân
  Ai có mã hồ sơ cũng tra cứu được tình trạng hồ sơ và xác thực được văn bản kết quả;
  đường dẫn tới các trang riêng của hồ sơ cũng có thể bị lộ (lịch sử trình duyệt, ảnh
  chụp màn hình). Các trang ấy, và trang lỗi, không được cho người chưa đăng nhập thấy họ
  tên, số định danh, số điện thoại, thư điện tử, ngày sinh hay địa chỉ của công dân.
  Trang tra cứu trả lời HTTP 200 khi có hồ sơ mang mã ấy và HTTP 404 khi không có, để một
  chương trình (công cụ giám sát, hệ thống khác) cũng phân biệt được hai trường hợp.

  @mien_phi
  Kịch bản: Người chưa đăng nhập không thấy thông tin cá nhân nào của hồ sơ
    Cho một công dân có hồ sơ một thủ tục miễn phí ở trạng thái "Đã trả kết quả"
    Thì người chưa đăng nhập mở trang tra cứu, trang xác thực kết quả, các trang của hồ sơ và trang lỗi mà không thấy thông tin cá nhân nào của công dân
    Và trang tra cứu trả lời HTTP 200 cho mã hồ sơ có thật, HTTP 404 cho mã không có

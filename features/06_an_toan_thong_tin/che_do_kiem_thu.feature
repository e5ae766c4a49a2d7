# language: vi
@security
Tính năng: Các đường dẫn dành cho kiểm thử không có khi cổng chạy thật
  Ở chế độ kiểm thử, cổng có các đường dẫn của API kiểm thử để bộ kiểm thử tạo phiên làm việc, hồ
  sơ, chỉnh đồng hồ. Ở chế độ phát triển và chế độ vận hành, những đường dẫn đó không được
  tồn tại: ai gọi cũng nhận "không tìm thấy", không phiên nào, hồ sơ nào được tạo. Kịch bản
  khởi động thêm một cổng tham chiếu ở chế độ đó, trên một cổng mạng trống của 127.0.0.1,
  vì đó là cách duy nhất để thấy đúng tiến trình cổng sẽ chạy thật; cổng đang được kiểm
  thử (chế độ kiểm thử) làm đối chứng.

  @needs_payment_mock @needs_national_portal_mock @needs_test_api
  Khung kịch bản: Cổng chạy ở chế độ <chế độ> không có đường dẫn kiểm thử
    Cho một cổng dịch vụ công tham chiếu khởi động ở chế độ "<chế độ>"
    Khi một người bất kỳ gọi các đường dẫn kiểm thử của cổng đó
    Thì cổng đó trả lời không tìm thấy cho mọi đường dẫn kiểm thử, không tạo phiên làm việc nào
    Nhưng cổng đang được kiểm thử ở chế độ kiểm thử vẫn trả lời các đường dẫn đó

    Dữ liệu:
      | chế độ     |
      | dev        |
      | production |

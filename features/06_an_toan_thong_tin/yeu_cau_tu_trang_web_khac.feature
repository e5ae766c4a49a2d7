# language: vi
@security
Tính năng: Trang web khác không điều khiển được cổng và các hệ thống mô phỏng
  Ở chế độ kiểm thử, cổng có API kiểm thử (xóa dữ liệu, chỉnh đồng hồ, tạo phiên
  làm việc); các hệ thống mô phỏng có API điều khiển (chọn người được đăng nhập ngay, gây lỗi,
  xóa dữ liệu). Chúng chạy cạnh cổng thử nghiệm của nhà cung cấp, nên bất kỳ trang web nào
  người dùng mở cũng có thể khiến trình duyệt gửi yêu cầu tới đó, kể cả một biểu mẫu dạng
  text/plain mà trình duyệt gửi đi không cần hỏi trước. Yêu cầu như vậy phải bị từ chối và
  không thay đổi gì; hệ thống mô phỏng còn đòi mã điều khiển và ghi lại yêu cầu bị từ chối.

  @mot_thu_tuc @needs_national_record @needs_test_api
  Kịch bản: Một trang web khác không xóa được dữ liệu của cổng qua đường dẫn kiểm thử
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi công dân mở một trang web khác gửi yêu cầu xóa dữ liệu tới cổng dịch vụ công
    Thì cổng dịch vụ công từ chối yêu cầu đó
    Và hồ sơ của công dân vẫn còn trên cổng

  @needs_sso_mock
  Kịch bản: Một trang web khác không xóa được dữ liệu của hệ thống định danh mô phỏng
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân mở một trang web khác gửi yêu cầu xóa dữ liệu tới hệ thống định danh mô phỏng
    Thì hệ thống định danh mô phỏng từ chối yêu cầu đó
    Và hệ thống định danh mô phỏng ghi yêu cầu bị từ chối vào nhật ký
    Và tài khoản của công dân vẫn còn ở hệ thống định danh

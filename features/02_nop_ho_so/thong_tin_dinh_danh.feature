# language: vi
@submission
Tính năng: Tờ khai dùng thông tin định danh từ tài khoản Cổng Dịch vụ công quốc gia
  Công dân không phải nhập lại những gì nhà nước đã biết ("cung cấp thông tin một lần"):
  họ tên, số định danh (và ngày sinh, giới tính nếu tờ khai hỏi) lấy từ tài khoản định danh
  và không sửa được; số điện thoại, thư điện tử, nơi thường trú được điền sẵn và sửa được.

  @moi_thu_tuc
  Kịch bản: Tờ khai điền sẵn thông tin định danh của công dân vừa đăng nhập
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi công dân mở tờ khai điện tử của thủ tục
    Thì tờ khai đã điền sẵn mọi thông tin lấy từ tài khoản định danh của công dân
    Và công dân không sửa được các thông tin định danh chính thức trên tờ khai

  @mot_thu_tuc
  Kịch bản: Cổng giữ họ tên và số định danh của tài khoản dù tờ khai gửi lên đã bị sửa
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân sửa họ tên và số định danh điền sẵn trên tờ khai bằng công cụ của trình duyệt rồi lưu nháp
    Thì tờ khai đã lưu vẫn mang họ tên và số định danh trên tài khoản định danh

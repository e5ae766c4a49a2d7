# language: vi
@submission
Tính năng: Tờ khai dùng thông tin định danh từ tài khoản Cổng Dịch vụ công quốc gia
  Công dân không phải nhập lại những gì nhà nước đã biết ("cung cấp thông tin một lần"):
  họ tên, số định danh (và ngày sinh, giới tính nếu tờ khai hỏi) lấy từ tài khoản định danh
  và không sửa được; số điện thoại, thư điện tử, nơi thường trú được điền sẵn và sửa được.
  (Thủ tục 2.000488 được kiểm tra ở kịch bản đăng nhập một lần, features/01_dang_nhap_mot_lan.)

  Khung kịch bản: Tờ khai <ten_thu_tuc> điền sẵn thông tin định danh của công dân vừa đăng nhập
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi công dân mở tờ khai điện tử của thủ tục "<ten_thu_tuc>"
    Thì tờ khai đã điền sẵn mọi thông tin lấy từ tài khoản định danh của công dân
    Và công dân không sửa được các thông tin định danh chính thức trên tờ khai

    Dữ liệu:
      | ma_tthc  | ten_thu_tuc                                                                                                      |
      | 1.001193 | Đăng ký khai sinh                                                                                                |
      | 1.012877 | Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi |

  @tthc_2.000488
  Kịch bản: Cổng giữ họ tên và số định danh của tài khoản dù tờ khai gửi lên đã bị sửa
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân sửa họ tên và số định danh điền sẵn trên tờ khai thủ tục 2.000488 bằng công cụ của trình duyệt rồi lưu nháp
    Thì tờ khai đã lưu vẫn mang họ tên và số định danh trên tài khoản định danh

# language: vi
@security @mot_thu_tuc
Tính năng: Khu vực cán bộ từ chối công dân
  Công dân đã đăng nhập (qua hệ thống định danh) không phải là cán bộ: mọi trang và mọi
  thao tác của khu vực cán bộ đưa công dân tới trang đăng nhập dành cho cán bộ, không cho
  thấy hồ sơ hay giấy tờ nào, và không thực hiện thao tác nào.

  @needs_national_record
  Khung kịch bản: Công dân đã đăng nhập mở <trang> của khu vực cán bộ
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi công dân mở <trang> của khu vực cán bộ bằng đường dẫn
    Thì cổng đưa công dân tới trang đăng nhập dành cho cán bộ, không kèm nội dung nào của khu vực cán bộ

    Dữ liệu:
      | trang                       |
      | danh sách hồ sơ cần xử lý   |
      | trang xử lý hồ sơ           |
      | tệp giấy tờ công dân đã nộp |

  @needs_payment_mock @needs_national_portal_mock
  Kịch bản: Công dân gửi thẳng thao tác "Tiếp nhận" hồ sơ của mình đến khu vực cán bộ
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi công dân gửi thẳng thao tác "Tiếp nhận" hồ sơ của mình đến khu vực cán bộ, kèm mã chống giả mạo của chính mình
    Thì cổng đưa công dân tới trang đăng nhập dành cho cán bộ, không kèm nội dung nào của khu vực cán bộ
    Và hồ sơ của chủ hồ sơ không thay đổi gì, trên cổng, trên Cổng DVCQG và tại nền tảng thanh toán

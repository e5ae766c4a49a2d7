# language: vi
@payment
Tính năng: Thủ tục miễn phí không qua bước thanh toán
  Hồ sơ của thủ tục không thu phí, lệ phí không có nút thanh toán, không tạo giao dịch
  nào tại nền tảng thanh toán và không có khoản phí nào trên Cổng Dịch vụ công quốc gia.

  @needs_payment_mock @needs_national_portal_mock
  Khung kịch bản: Hồ sơ <ten_thu_tuc> không phải thanh toán
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ thủ tục <ma_tthc> với đủ thông tin và giấy tờ
    Thì giấy tiếp nhận ghi hồ sơ được miễn phí và không có nút thanh toán lệ phí
    Và nền tảng thanh toán không nhận giao dịch nào của hồ sơ
    Và Cổng Dịch vụ công quốc gia nhận được hồ sơ không có khoản phí, lệ phí nào

    Dữ liệu:
      | ma_tthc  | ten_thu_tuc                                          |
      | 1.001193 | Đăng ký khai sinh                                    |
      | 1.012877 | liên thông khai sinh, thường trú, bảo hiểm y tế      |

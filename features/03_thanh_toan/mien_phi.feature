# language: vi
@payment
Tính năng: Thủ tục miễn phí không qua bước thanh toán
  Hồ sơ của thủ tục không thu phí, lệ phí không có nút thanh toán, không tạo giao dịch
  nào tại nền tảng thanh toán và không có khoản phí nào trên Cổng Dịch vụ công quốc gia.

  @moi_thu_tuc @mien_phi @needs_payment_mock @needs_national_portal_mock
  Kịch bản: Hồ sơ của thủ tục miễn phí không phải thanh toán
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ
    Thì giấy tiếp nhận ghi hồ sơ được miễn phí và không có nút thanh toán lệ phí
    Và nền tảng thanh toán không nhận giao dịch nào của hồ sơ
    Và Cổng Dịch vụ công quốc gia nhận được hồ sơ không có khoản phí, lệ phí nào

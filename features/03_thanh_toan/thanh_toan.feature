# language: vi
@payment @co_le_phi
Tính năng: Thanh toán phí, lệ phí trực tuyến qua nền tảng thanh toán
  Công dân trả lệ phí hồ sơ qua nền tảng thanh toán trực tuyến; cổng ghi nhận kết quả đã
  được xác thực, cấp biên lai có số tiền và mã giao dịch, và số tiền khớp giữa cổng, nền
  tảng thanh toán và Cổng Dịch vụ công quốc gia (QĐ 31/2021/QĐ-TTg Điều 26: kiểm tra tích
  hợp thanh toán trực tuyến).

  @needs_payment_mock
  Kịch bản: Công dân nộp hồ sơ có lệ phí rồi thanh toán ngay trên giấy tiếp nhận
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ
    Thì giấy tiếp nhận ghi lệ phí của thủ tục, chưa thanh toán
    Khi công dân thanh toán lệ phí ngay trên giấy tiếp nhận qua "Thẻ ATM nội địa"
    Thì cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và giấy tiếp nhận của hồ sơ ghi đã thanh toán đủ lệ phí với mã giao dịch đó

  Kịch bản: Hồ sơ đã thanh toán được ghi nhận một lần và không thanh toán lại được
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí
    Khi công dân thanh toán lệ phí hồ sơ qua "Ví điện tử"
    Thì hồ sơ ghi nhận đúng 1 lần thanh toán thành công
    Và hồ sơ không còn nút thanh toán lệ phí

  @needs_payment_mock @needs_national_portal_mock
  Kịch bản: Số tiền và mã giao dịch khớp giữa cổng, nền tảng thanh toán và Cổng DVCQG
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí
    Khi công dân thanh toán lệ phí hồ sơ qua "Chuyển khoản QR"
    Thì cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và nền tảng thanh toán ghi nhận giao dịch đủ lệ phí đã thanh toán cho hồ sơ
    Và Cổng Dịch vụ công quốc gia nhận được lệ phí đã thanh toán với cùng mã giao dịch

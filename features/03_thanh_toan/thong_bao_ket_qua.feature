# language: vi
@payment @co_le_phi
Tính năng: Cổng xác thực kết quả thanh toán nền tảng gửi về
  Kết quả thanh toán về cổng hai đường: trình duyệt quay lại và thông báo máy chủ tới máy
  chủ, đều có mã xác thực. Cổng chỉ ghi nhận kết quả đúng mã xác thực, đúng số tiền, và
  chỉ một lần; khi chưa có thông báo, cổng hỏi lại nền tảng thanh toán. Nếu nền tảng còn
  trả lời giao dịch chờ thanh toán (sổ sách của nền tảng chậm hơn trang thanh toán), cổng
  ghi nhận kết quả trình duyệt mang về, vì kết quả ấy do chính nền tảng ký (mã xác thực).

  Bối cảnh:
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí

  @needs_payment_mock @needs_national_portal_mock
  Kịch bản: Thông báo kết quả gửi trùng chỉ được ghi nhận một lần
    Cho nền tảng thanh toán sẽ gửi trùng thông báo kết quả của hồ sơ
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa"
    Thì cổng trả lời mã "00" cho 2 thông báo kết quả nhận được
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công
    Và Cổng Dịch vụ công quốc gia nhận đúng 1 bước xử lý về thanh toán

  @needs_payment_mock
  Kịch bản: Thông báo kết quả sai mã xác thực bị từ chối
    Cho nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ với mã xác thực sai
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa" nhưng đóng trình duyệt trước khi về lại cổng
    Thì cổng từ chối thông báo kết quả với mã lỗi "01"
    Và hồ sơ vẫn chưa thanh toán

  @needs_payment_mock
  Kịch bản: Thông báo kết quả mang số tiền khác bị từ chối
    Cho nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ với số tiền 1000 đồng
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa" nhưng đóng trình duyệt trước khi về lại cổng
    Thì cổng từ chối thông báo kết quả với mã lỗi "02"
    Và hồ sơ vẫn chưa thanh toán

  @needs_payment_mock
  Kịch bản: Công dân về lại cổng mà chưa có thông báo kết quả thì cổng hỏi lại nền tảng thanh toán
    Cho nền tảng thanh toán sẽ không gửi thông báo kết quả của hồ sơ
    Khi công dân thanh toán lệ phí hồ sơ qua "Ví điện tử"
    Thì cổng đã hỏi lại nền tảng thanh toán về giao dịch
    Và cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán

  @needs_payment_mock
  Kịch bản: Thông báo kết quả đến sau khi công dân đã về lại cổng vẫn chỉ ghi nhận một lần
    Cho nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ chậm 1 giây
    Khi công dân thanh toán lệ phí hồ sơ qua "Chuyển khoản QR"
    Thì cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và cổng trả lời mã "00" cho 1 thông báo kết quả nhận được
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công

  @needs_payment_mock
  Kịch bản: Chưa có thông báo kết quả, nền tảng thanh toán còn báo chờ thanh toán: cổng ghi nhận kết quả có mã xác thực trình duyệt mang về
    Cho nền tảng thanh toán sẽ không gửi thông báo kết quả của hồ sơ
    Và nền tảng thanh toán sẽ trả lời việc tra cứu giao dịch của hồ sơ rằng giao dịch còn chờ thanh toán
    Khi công dân thanh toán lệ phí hồ sơ qua "Ví điện tử"
    Thì nền tảng thanh toán đã trả lời cổng rằng giao dịch còn chờ thanh toán
    Và cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công

# language: vi
@payment @co_le_phi
Tính năng: Thanh toán không thành công thì hồ sơ vẫn được giữ và thanh toán lại được
  Ngân hàng từ chối, công dân hủy, nền tảng thanh toán không trả lời kịp hay từ chối tạo
  giao dịch: hồ sơ không bị ghi nhận đã thanh toán, không mất, công dân biết vì sao và thanh
  toán lại bằng một giao dịch mới.
  Một câu trả lời tự mâu thuẫn của nền tảng thanh toán (MaLoi "00" nhưng mã HTTP không phải
  200, trái với hợp đồng: thành công là HTTP 200 với MaLoi "00") không được coi là đã tạo
  được giao dịch: cổng không đưa công dân tới trang thanh toán mà báo chưa kết nối được.

  Bối cảnh:
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí

  @needs_payment_mock
  Kịch bản: Ngân hàng từ chối giao dịch
    Cho ngân hàng sẽ từ chối giao dịch thanh toán của hồ sơ
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa"
    Thì cổng báo "Ngân hàng từ chối giao dịch." và hồ sơ vẫn chưa thanh toán
    Và công dân có thể thanh toán lại

  @needs_payment_mock
  Kịch bản: Thanh toán lại thành công sau khi ngân hàng từ chối
    Cho ngân hàng sẽ từ chối giao dịch thanh toán của hồ sơ
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa"
    Và công dân thanh toán lại qua "Ví điện tử"
    Thì cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và nền tảng thanh toán có 2 giao dịch của hồ sơ, mỗi lần một mã tham chiếu riêng
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công

  Kịch bản: Công dân hủy giao dịch tại trang thanh toán
    Khi công dân mở trang thanh toán rồi hủy giao dịch
    Thì cổng báo "Bạn đã hủy giao dịch." và hồ sơ vẫn chưa thanh toán
    Và công dân có thể thanh toán lại

  @needs_payment_mock
  Kịch bản: Nền tảng thanh toán không trả lời kịp, công dân thanh toán lại thành công
    Cho nền tảng thanh toán sẽ không trả lời cổng trong 8 giây khi cổng tạo giao dịch
    Khi công dân bắt đầu thanh toán lệ phí hồ sơ
    Thì cổng báo "Chưa kết nối được với nền tảng thanh toán" và hồ sơ vẫn chưa thanh toán
    Khi công dân thanh toán lại qua "Thẻ ATM nội địa"
    Thì cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán
    Và nền tảng thanh toán có 2 giao dịch của hồ sơ, mỗi lần một mã tham chiếu riêng

  @needs_payment_mock
  Kịch bản: Nền tảng thanh toán từ chối tạo giao dịch, công dân được báo đúng lý do nền tảng đưa ra
    Cho nền tảng thanh toán sẽ từ chối tạo giao dịch của hồ sơ với lý do "Đơn vị thụ hưởng tạm ngừng nhận thanh toán trực tuyến"
    Khi công dân bắt đầu thanh toán lệ phí hồ sơ
    Thì cổng báo "Đơn vị thụ hưởng tạm ngừng nhận thanh toán trực tuyến" và hồ sơ vẫn chưa thanh toán
    Và công dân có thể thanh toán lại

  @needs_payment_mock
  Kịch bản: Nền tảng thanh toán báo tạo được giao dịch nhưng với mã HTTP lỗi, cổng không chuyển công dân đi thanh toán
    Cho nền tảng thanh toán sẽ trả lời việc tạo giao dịch của hồ sơ bằng MaLoi "00" kèm mã HTTP 409
    Khi công dân bắt đầu thanh toán lệ phí hồ sơ
    Thì cổng báo "Chưa kết nối được với nền tảng thanh toán" và hồ sơ vẫn chưa thanh toán
    Và công dân có thể thanh toán lại

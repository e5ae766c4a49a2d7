# language: vi
@reliability @co_le_phi
Tính năng: Cổng bị tắt đột ngột trong lúc công dân thanh toán không làm mất khoản tiền đã nộp
  Công dân có thể trả tiền đúng lúc cổng ngừng hoạt động: thông báo kết quả của nền tảng
  thanh toán không đến được cổng, trình duyệt cũng không về lại được cổng. Khi chạy lại,
  cổng phải tự hỏi lại nền tảng thanh toán và ghi nhận khoản đã nộp, đúng một lần, rồi
  báo lên Cổng DVCQG; công dân không phải trả tiền lần hai.

  Bối cảnh:
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và một công dân có hồ sơ chưa thanh toán lệ phí trên cổng chạy riêng

  Kịch bản: Công dân trả tiền khi cổng đã tắt, thông báo kết quả đến lúc cổng còn đang tắt
    Cho nền tảng thanh toán sẽ gửi thông báo kết quả ngay, khi cổng còn đang tắt
    Khi công dân mở trang thanh toán lệ phí của hồ sơ trên cổng chạy riêng
    Và cổng bị tắt đột ngột
    Và công dân thanh toán qua "Thẻ ATM nội địa" rồi đóng trình duyệt vì cổng không trả lời
    Và cổng được khởi động lại
    Thì hồ sơ được ghi nhận đã thanh toán đúng một lần, với mã giao dịch của nền tảng thanh toán
    Và Cổng DVCQG nhận được khoản lệ phí đã thanh toán của hồ sơ

  Kịch bản: Công dân trả tiền khi cổng đã tắt, nền tảng thanh toán không gửi thông báo kết quả
    Cho nền tảng thanh toán sẽ không gửi thông báo kết quả nào
    Khi công dân mở trang thanh toán lệ phí của hồ sơ trên cổng chạy riêng
    Và cổng bị tắt đột ngột
    Và công dân thanh toán qua "Ví điện tử" rồi đóng trình duyệt vì cổng không trả lời
    Và cổng được khởi động lại
    Thì hồ sơ được ghi nhận đã thanh toán đúng một lần, với mã giao dịch của nền tảng thanh toán
    Và Cổng DVCQG nhận được khoản lệ phí đã thanh toán của hồ sơ

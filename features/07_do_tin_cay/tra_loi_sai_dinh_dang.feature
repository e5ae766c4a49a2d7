# language: vi
@reliability
Tính năng: Hệ thống bên ngoài trả lời sai định dạng, cổng báo lỗi rõ ràng và không mất dữ liệu
  Một hệ thống bên ngoài đang bảo trì, hay một máy chủ trung gian cấu hình sai, có thể trả
  một trang HTML thay cho dữ liệu JSON. Cổng phải coi đó là lời gọi chưa thành công: không
  coi là đã gửi, không coi là bị từ chối hẳn, báo người dùng một thông báo rõ ràng, giữ
  nguyên hồ sơ, và làm tiếp khi hệ thống đó trả lời đúng trở lại.

  Bối cảnh:
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy

  @mot_thu_tuc
  Kịch bản: Cổng DVCQG trả lời bằng trang HTML một thời gian, các thay đổi vẫn đến đủ sau đó
    Cho Cổng DVCQG trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON
    Khi một công dân có hồ sơ vừa được tiếp nhận trên cổng chạy riêng
    Thì cổng coi các lời gọi đó là chưa gửi được và giữ lại mọi thay đổi của hồ sơ
    Khi Cổng DVCQG trả lời đúng định dạng trở lại
    Thì Cổng DVCQG nhận lần lượt các trạng thái 1, 2 của hồ sơ, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của các hồ sơ này

  @co_le_phi
  Kịch bản: Nền tảng thanh toán trả lời bằng trang HTML khi cổng tạo giao dịch
    Cho một công dân có hồ sơ chưa thanh toán lệ phí trên cổng chạy riêng
    Và nền tảng thanh toán trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON
    Khi công dân bấm thanh toán lệ phí hồ sơ trên cổng chạy riêng
    Thì cổng báo "Chưa kết nối được với nền tảng thanh toán" và hồ sơ vẫn chưa thanh toán
    Khi nền tảng thanh toán trả lời đúng định dạng trở lại
    Và công dân thanh toán lại qua "Ví điện tử"
    Thì hồ sơ được ghi nhận đã thanh toán đúng một lần, với mã giao dịch của nền tảng thanh toán
    Và Cổng DVCQG nhận được khoản lệ phí đã thanh toán của hồ sơ

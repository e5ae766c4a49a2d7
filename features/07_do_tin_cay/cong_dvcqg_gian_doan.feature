# language: vi
@reliability @mot_thu_tuc
Tính năng: Cổng DVCQG gián đoạn một thời gian, mọi thay đổi vẫn đến đủ và đúng thứ tự
  Cổng DVCQG có thể ngừng phục vụ hẳn (mọi lời gọi, kể cả đăng nhập) trong lúc công dân
  nộp hồ sơ và cán bộ giải quyết. Cổng phải giữ lại mọi thay đổi, gửi lại khi Cổng DVCQG
  hoạt động trở lại: đủ, đúng thứ tự của từng hồ sơ, mỗi thay đổi một lần, cả văn bản
  kết quả vào kho dữ liệu của công dân. Cổng được tắt đúng quy trình (bảo trì) trong lúc
  đang chờ Cổng DVCQG trả lời thì chờ câu trả lời đó rồi mới dừng: sau khi chạy lại, cổng
  không gửi lại thay đổi đã được nhận (chỉ khi mất điện đúng lúc ấy mới có thể gửi hai lần).

  Kịch bản: Cổng DVCQG ngừng phục vụ trong lúc một hồ sơ được giải quyết trọn vẹn và một hồ sơ khác được tiếp nhận
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và Cổng DVCQG đang ngừng phục vụ, các thay đổi của cổng phải chờ gửi
    Khi một công dân có hồ sơ được giải quyết đến khi trả kết quả và một hồ sơ khác vừa được tiếp nhận
    Thì cổng giữ lại mọi thay đổi của các hồ sơ để gửi sau, Cổng DVCQG chưa nhận được gì
    Khi Cổng DVCQG phục vụ trở lại
    Thì Cổng DVCQG nhận lần lượt các trạng thái 1, 2, 4, 9, 10 của hồ sơ thứ nhất và 1, 2 của hồ sơ thứ hai, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của các hồ sơ này
    Và kho dữ liệu của công dân nhận được kết quả của hồ sơ thứ nhất

  Kịch bản: Cổng được tắt để bảo trì đúng lúc đang chờ Cổng DVCQG trả lời, thay đổi đó không bị gửi lại
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và Cổng DVCQG trả lời chậm 1 giây lời gọi đồng bộ hồ sơ tiếp theo của cổng chạy riêng
    Khi một công dân có hồ sơ vừa được tiếp nhận trên cổng chạy riêng
    Và cổng được tắt đúng quy trình để bảo trì trong lúc đang chờ Cổng DVCQG trả lời, rồi được khởi động lại
    Thì Cổng DVCQG nhận lần lượt các trạng thái 1, 2 của hồ sơ, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của các hồ sơ này

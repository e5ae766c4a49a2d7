# language: vi
@reliability @mot_thu_tuc
Tính năng: Nhiều công dân nộp hồ sơ cùng một lúc
  Khi nhiều công dân nộp hồ sơ cùng lúc, mỗi người nhận một mã hồ sơ riêng, không hồ sơ
  nào bị mất, lẫn sang người khác hay gửi thiếu lên Cổng DVCQG. Các hồ sơ được gửi thẳng
  qua HTTP (mỗi công dân một phiên làm việc và mã chống giả mạo của mình), cùng một thời
  điểm.

  Kịch bản: 50 công dân nộp hồ sơ cùng một lúc, mỗi người nhận một mã hồ sơ riêng
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và 50 công dân có phiên làm việc trên cổng chạy riêng
    Khi 50 công dân cùng lúc nộp hồ sơ với đủ thông tin và giấy tờ
    Thì cả 50 công dân đều nhận được giấy tiếp nhận, với 50 mã hồ sơ khác nhau
    Và mỗi công dân thấy đúng một hồ sơ, là hồ sơ của mình, trong "Hồ sơ của tôi"
    Và Cổng DVCQG nhận đủ 50 hồ sơ, mỗi hồ sơ một lần với trạng thái 1, không từ chối lời gọi nào

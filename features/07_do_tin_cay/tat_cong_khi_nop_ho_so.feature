# language: vi
@reliability @mot_thu_tuc
Tính năng: Cổng bị tắt đột ngột khi đang nhận hồ sơ không để lại hồ sơ dở dang, không làm mất hồ sơ
  Máy chủ của cổng có thể dừng bất cứ lúc nào (mất điện, bị hệ điều hành buộc dừng). Hồ sơ
  công dân vừa gửi, khi cổng chạy lại, phải hoặc có đủ (mã hồ sơ, mọi thông tin, mọi giấy
  tờ, và đến được Cổng DVCQG), hoặc hoàn toàn không có để công dân nộp lại; không bao giờ
  nửa vời. Cổng bị dừng bằng SIGKILL, như khi mất điện: không kịp dọn dẹp gì. Các kịch
  bản độ tin cậy chạy trên một bộ cổng và hệ thống mô phỏng riêng.

  Bối cảnh:
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và một công dân có phiên làm việc trên cổng chạy riêng

  Khung kịch bản: Cổng bị tắt đột ngột <thời điểm>
    Cho Cổng DVCQG đang ngừng phục vụ, các thay đổi của cổng phải chờ gửi
    Khi công dân gửi hồ sơ với đủ thông tin và giấy tờ và cổng bị tắt đột ngột <thời điểm>
    Và cổng được khởi động lại
    Và Cổng DVCQG phục vụ trở lại
    Thì hồ sơ công dân vừa gửi <kết quả> trên cổng
    Và công dân nộp lại nếu cổng chưa lưu hồ sơ, rồi có đúng một hồ sơ đủ thông tin và giấy tờ
    Và Cổng DVCQG nhận hồ sơ của công dân đúng một lần với trạng thái 1

    Dữ liệu:
      | thời điểm                              | kết quả                       |
      | ngay khi hồ sơ vừa được gửi đi         | có đủ hoặc hoàn toàn không có |
      | ngay khi cổng bắt đầu trả lời công dân | có đủ                         |

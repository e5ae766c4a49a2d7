# language: vi
@submission
Tính năng: Nộp hồ sơ trực tuyến cho từng thủ tục
  Công dân tìm thủ tục trong danh mục, điền tờ khai điện tử, đính kèm giấy tờ và nhận
  giấy tiếp nhận có mã hồ sơ và ngày hẹn trả tính theo ngày làm việc (QĐ 31/2021/QĐ-TTg
  Điều 26: thực hiện nộp hồ sơ trực tuyến). Tờ khai của mỗi thủ tục lấy từ các tệp thủ tục
  của đích kiểm thử (khóa procedures của hồ sơ đích kiểm thử).

  @moi_thu_tuc
  Kịch bản: Công dân nộp hồ sơ của thủ tục và nhận giấy tiếp nhận
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân tìm thủ tục trong danh mục và nộp hồ sơ với đủ thông tin và giấy tờ
    Thì giấy tiếp nhận hiển thị mã hồ sơ và trạng thái "Mới đăng ký"
    Và ngày hẹn trả trên giấy tiếp nhận cách ngày nộp đúng thời hạn giải quyết, không tính ngày nghỉ
    Và hồ sơ có trong mục "Hồ sơ của tôi" với trạng thái "Mới đăng ký"

  @mot_thu_tuc @needs_national_portal_mock @needs_clock
  Kịch bản: Hạn trả kết quả của hồ sơ nộp ngay trước Tết không tính những ngày nghỉ Tết
    Cho hôm nay là ngày làm việc cuối cùng trước kỳ nghỉ Tết Nguyên Đán
    Và một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ
    Thì ngày hẹn trả trên giấy tiếp nhận cách ngày nộp đúng thời hạn giải quyết, không tính ngày nghỉ
    Và ngày hẹn trả rơi vào sau kỳ nghỉ Tết

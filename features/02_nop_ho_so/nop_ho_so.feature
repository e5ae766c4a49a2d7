# language: vi
@submission
Tính năng: Nộp hồ sơ trực tuyến cho từng thủ tục
  Công dân tìm thủ tục trong danh mục, điền tờ khai điện tử, đính kèm giấy tờ và nhận
  giấy tiếp nhận có mã hồ sơ và ngày hẹn trả tính theo ngày làm việc (QĐ 31/2021/QĐ-TTg
  Điều 26: thực hiện nộp hồ sơ trực tuyến). Tờ khai của mỗi thủ tục lấy từ procedures/*.toml.

  Khung kịch bản: Công dân nộp hồ sơ <ten_thu_tuc> và nhận giấy tiếp nhận
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân tìm thủ tục <ma_tthc> trong danh mục và nộp hồ sơ với đủ thông tin và giấy tờ
    Thì giấy tiếp nhận hiển thị mã hồ sơ và trạng thái "Mới đăng ký"
    Và ngày hẹn trả trên giấy tiếp nhận cách ngày nộp đúng thời hạn giải quyết, không tính ngày nghỉ
    Và hồ sơ có trong mục "Hồ sơ của tôi" với trạng thái "Mới đăng ký"

    Dữ liệu:
      | ma_tthc  | ten_thu_tuc                                                   |
      | 1.001193 | Đăng ký khai sinh (miễn phí)                                   |
      | 2.000488 | Cấp Phiếu lý lịch tư pháp (có phí)                            |
      | 1.012877 | liên thông khai sinh, thường trú, bảo hiểm y tế cho trẻ em    |

  @tthc_1.012877 @needs_national_portal_mock @needs_clock
  Kịch bản: Hạn trả kết quả của hồ sơ nộp ngay trước Tết không tính những ngày nghỉ Tết
    Cho hôm nay là ngày làm việc cuối cùng trước kỳ nghỉ Tết Nguyên Đán
    Và một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ thủ tục 1.012877 với đủ thông tin và giấy tờ
    Thì ngày hẹn trả trên giấy tiếp nhận cách ngày nộp đúng thời hạn giải quyết, không tính ngày nghỉ
    Và ngày hẹn trả rơi vào sau kỳ nghỉ Tết

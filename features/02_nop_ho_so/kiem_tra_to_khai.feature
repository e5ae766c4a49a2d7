# language: vi
@submission
Tính năng: Cổng kiểm tra tờ khai và báo lỗi bằng tiếng Việt
  Một tờ khai thiếu hoặc sai định dạng (số định danh, số điện thoại, ngày tháng, họ tên)
  bị từ chối với lời nhắn tiếng Việt đặt ngay tại ô có lỗi, và công dân không mất những
  gì đã nhập, kể cả giấy tờ đã đính kèm.

  Khung kịch bản: Tờ khai có <truong_hop> bị từ chối mà không mất dữ liệu đã nhập
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền tờ khai thủ tục <ma_tthc> với đủ thông tin và giấy tờ
    Khi công dân nhập "<gia_tri>" vào ô "<o>" rồi nộp hồ sơ
    Thì cổng không nhận hồ sơ và báo ở ô "<o>": "<loi>"
    Và các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên

    Dữ liệu:
      | truong_hop                          | ma_tthc  | o                                  | gia_tri      | loi                                                                         |
      | số định danh thiếu chữ số           | 1.001193 | Số định danh cá nhân của người mẹ  | 0791900123   | Số định danh cá nhân phải gồm đúng 12 chữ số.                               |
      | số định danh có mã tỉnh không tồn tại | 1.001193 | Số định danh cá nhân của người mẹ  | 099190123456 | Ba chữ số đầu của số định danh cá nhân (mã tỉnh) không hợp lệ.              |
      | số điện thoại không phải di động    | 2.000488 | Số điện thoại liên hệ              | 0243123456   | Số điện thoại phải là số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 0     |
      | thư điện tử sai định dạng           | 2.000488 | Thư điện tử                        | congdan@     | Thư điện tử không đúng định dạng                                            |
      | ngày sinh ở tương lai               | 1.001193 | Ngày sinh                          | ngày mai     | Ngày sinh không được sau ngày hôm nay.                                      |
      | trẻ đã quá 6 tuổi                   | 1.012877 | Ngày sinh của trẻ                  | 7 năm trước  | Ngày sinh của trẻ phải trong vòng 6 năm trở lại đây.                        |
      | họ tên chỉ có một chữ               | 1.001193 | Họ và tên người được khai sinh     | Nguyễn       | Họ và tên chỉ gồm chữ cái, có ít nhất họ và tên, cách nhau một dấu cách.    |
      | ô bắt buộc để trống                 | 2.000488 | Mục đích sử dụng phiếu             | (để trống)   | Vui lòng nhập mục đích sử dụng phiếu.                                       |

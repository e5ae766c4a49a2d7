# language: vi
@submission
Tính năng: Cổng kiểm tra tờ khai và báo lỗi bằng tiếng Việt
  Một tờ khai thiếu hoặc sai định dạng (số định danh, số điện thoại, ngày tháng, họ tên)
  bị từ chối với lời nhắn tiếng Việt đặt ngay tại ô có lỗi, và công dân không mất những
  gì đã nhập, kể cả giấy tờ đã đính kèm. Mỗi trường hợp dùng một thủ tục của đích kiểm thử
  có loại ô đó (cột "loại ô"); lời nhắn có thể nhắc tên ô ([tên ô], [tên ô viết thường]),
  giới hạn tuổi của ô ([giới hạn tuổi]) hay lời nhắn tệp thủ tục khai cho ô
  ([lời nhắn của thủ tục]).

  Khung kịch bản: Tờ khai có <truong_hop> bị từ chối mà không mất dữ liệu đã nhập
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền tờ khai với đủ thông tin và giấy tờ
    Khi công dân nhập "<gia_tri>" vào ô <loại ô> rồi nộp hồ sơ
    Thì cổng không nhận hồ sơ và báo ở ô đó: "<loi>"
    Và các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên

    Dữ liệu:
      | truong_hop                            | loại ô                      | gia_tri                   | loi                                                                      |
      | số định danh thiếu chữ số             | số định danh                | 0791900123                | Số định danh cá nhân phải gồm đúng 12 chữ số.                            |
      | số định danh có mã tỉnh không tồn tại | số định danh                | 099190123456              | Ba chữ số đầu của số định danh cá nhân (mã tỉnh) không hợp lệ.           |
      | số điện thoại không phải di động      | số điện thoại               | 0243123456                | Số điện thoại phải là số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 0  |
      | thư điện tử sai định dạng             | thư điện tử                 | congdan@                  | Thư điện tử không đúng định dạng                                         |
      | ngày ở tương lai                      | ngày không được sau hôm nay | ngày mai                  | [tên ô] không được sau ngày hôm nay.                                     |
      | ngày quá giới hạn tuổi                | ngày có giới hạn tuổi       | quá giới hạn tuổi một năm | [tên ô] phải trong vòng [giới hạn tuổi] năm trở lại đây.                 |
      | họ tên chỉ có một chữ                 | họ tên                      | Nguyễn                    | [lời nhắn của thủ tục]                                                   |
      | ô bắt buộc để trống                   | bắt buộc tự nhập            | (để trống)                | Vui lòng nhập [tên ô viết thường].                                       |

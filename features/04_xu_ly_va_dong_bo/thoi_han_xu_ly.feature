# language: vi
@processing
Tính năng: Thời hạn giải quyết hồ sơ
  Công dân và cán bộ cùng thấy ngày hẹn trả và thời gian xử lý còn lại. Hồ sơ trễ hẹn được
  đánh dấu quá hạn; trước khi trả kết quả, cơ quan phải gửi thư xin lỗi và hẹn lại ngày trả.

  Quy tắc tính thời hạn được kiểm tra đến từng phút (giờ Việt Nam): thời hạn giải quyết
  tính bằng giờ làm việc, 8 giờ một ngày, trong hai khung 07:30–11:30 và 13:00–17:00 của
  ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ, Tết); hồ sơ tiếp nhận trong giờ
  làm việc đến 16:30 được tính ngay từ lúc tiếp nhận, sau 16:30 thì tính từ 07:30 ngày
  làm việc tiếp theo. Các kịch bản đặt đồng hồ của cổng vào một thời điểm đã qua (thứ Ba
  01/12/2026 và thứ Tư 02/12/2026 là ngày làm việc).

  @moi_thu_tuc @needs_national_record
  Kịch bản: Công dân và cán bộ cùng thấy ngày hẹn trả và thời gian còn lại
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi công dân mở hồ sơ của mình
    Thì công dân thấy ngày hẹn trả và thời gian xử lý còn lại của hồ sơ
    Và chuyên viên thấy cùng ngày hẹn trả và thời gian xử lý còn lại như công dân

  @mot_thu_tuc @needs_national_portal_mock @needs_clock
  Kịch bản: Hồ sơ quá hạn được đánh dấu và phải có thư xin lỗi trước khi trả kết quả
    Cho một công dân có hồ sơ ở trạng thái "Đã xử lý xong"
    Và thời gian trôi qua 5 ngày mà hồ sơ chưa được trả kết quả
    Khi cán bộ một cửa mở danh sách hồ sơ cần xử lý
    Thì hồ sơ được đánh dấu "Quá hạn" trong danh sách và trong trang xử lý của cán bộ một cửa
    Và công dân thấy hồ sơ đã quá hạn
    Và cán bộ một cửa không thể trả kết quả khi chưa gửi thư xin lỗi
    Khi cán bộ một cửa gửi thư xin lỗi "Cơ quan xin lỗi ông/bà vì đã trả kết quả chậm so với ngày hẹn." và hẹn trả lại sau 2 ngày
    Và cán bộ một cửa trả kết quả cho công dân
    Thì công dân thấy hồ sơ của mình ở trạng thái "Đã trả kết quả"
    Và công dân thấy thư xin lỗi "Cơ quan xin lỗi ông/bà vì đã trả kết quả chậm so với ngày hẹn." và ngày hẹn trả mới

  @mot_thu_tuc @needs_national_portal_mock @needs_clock
  Kịch bản: Hồ sơ tiếp nhận lúc 09:00 ngày làm việc được tính thời hạn ngay từ lúc tiếp nhận
    Cho đồng hồ của cổng chỉ 09:00 ngày 01/12/2026
    Và một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi đồng hồ của cổng chỉ 10:30 ngày 01/12/2026
    Và công dân mở hồ sơ của mình
    Thì công dân thấy thời gian đã sử dụng "1 giờ 30 phút làm việc"
    Và công dân thấy thời gian còn lại bằng thời hạn giải quyết trừ 90 phút làm việc
    Và công dân thấy ngày hẹn trả lúc 09:00 sau đủ thời hạn giải quyết tính từ ngày 01/12/2026

  @mot_thu_tuc @needs_national_portal_mock @needs_clock
  Kịch bản: Hồ sơ tiếp nhận sau 16:30 được tính thời hạn từ 07:30 ngày làm việc tiếp theo
    Cho đồng hồ của cổng chỉ 16:45 ngày 01/12/2026
    Và một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi đồng hồ của cổng chỉ 08:00 ngày 02/12/2026
    Và công dân mở hồ sơ của mình
    Thì công dân thấy thời gian đã sử dụng "30 phút làm việc"
    Và công dân thấy thời gian còn lại bằng thời hạn giải quyết trừ 30 phút làm việc
    Và công dân thấy ngày hẹn trả lúc 17:00 của ngày làm việc cuối cùng của thời hạn tính từ ngày 02/12/2026

  @mot_thu_tuc @needs_national_portal_mock @needs_clock
  Kịch bản: Hồ sơ được báo quá hạn ngay khi đã trễ hẹn 30 phút làm việc
    Cho đồng hồ của cổng chỉ 09:00 ngày 01/12/2026
    Và một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi đồng hồ của cổng chỉ 30 phút sau giờ hẹn trả của hồ sơ nhận lúc 09:00 ngày 01/12/2026
    Và công dân mở hồ sơ của mình
    Thì công dân thấy thời gian còn lại "Quá hạn 30 phút làm việc"
    Và công dân thấy thời gian đã sử dụng bằng thời hạn giải quyết cộng 30 phút làm việc

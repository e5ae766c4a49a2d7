# language: vi
@processing
Tính năng: Thời hạn giải quyết hồ sơ
  Công dân và cán bộ cùng thấy ngày hẹn trả và thời gian xử lý còn lại. Hồ sơ trễ hẹn được
  đánh dấu quá hạn; trước khi trả kết quả, cơ quan phải gửi thư xin lỗi và hẹn lại ngày trả.

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

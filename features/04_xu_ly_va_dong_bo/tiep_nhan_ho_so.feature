# language: vi
@processing @mot_thu_tuc
Tính năng: Tiếp nhận hồ sơ trực tuyến
  Bộ phận Một cửa xem hồ sơ mới nộp, tiếp nhận hồ sơ hợp lệ hoặc từ chối tiếp nhận kèm
  lý do; công dân theo dõi kết quả trên trang hồ sơ của mình.

  @needs_national_record
  Kịch bản: Cán bộ một cửa đăng nhập và thấy hồ sơ mới trong danh sách cần xử lý
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa đăng nhập khu vực cán bộ bằng tài khoản của mình
    Thì cán bộ một cửa thấy hồ sơ trong danh sách cần xử lý, đánh dấu "Cần xử lý"

  @moi_thu_tuc @needs_national_record
  Kịch bản: Cán bộ một cửa tiếp nhận hồ sơ mới nộp
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Thì cán bộ một cửa thấy hồ sơ ở trạng thái "Được tiếp nhận"
    Và công dân thấy hồ sơ của mình ở trạng thái "Được tiếp nhận"
    Và quá trình xử lý mà công dân thấy ghi "Tiếp nhận hồ sơ" do cán bộ một cửa thực hiện

  @needs_national_record
  Kịch bản: Cán bộ một cửa từ chối tiếp nhận và công dân thấy lý do
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa từ chối tiếp nhận hồ sơ với lý do "Giấy tờ đính kèm không rõ nét, không đọc được số hiệu."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Không được tiếp nhận"
    Và công dân thấy lý do "Giấy tờ đính kèm không rõ nét, không đọc được số hiệu."
    Và cán bộ một cửa không còn thao tác xử lý nào với hồ sơ

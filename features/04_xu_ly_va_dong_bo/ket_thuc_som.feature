# language: vi
@processing @tthc_1.001193
Tính năng: Rút hồ sơ và dừng xử lý
  Công dân có thể rút hồ sơ chưa có kết quả; lãnh đạo có thể dừng xử lý kèm lý do. Hồ sơ
  đã kết thúc không còn thao tác xử lý nào.

  @needs_national_record
  Kịch bản: Công dân rút hồ sơ đang được giải quyết
    Cho một công dân có hồ sơ "Đăng ký khai sinh" ở trạng thái "Được tiếp nhận"
    Khi công dân rút hồ sơ với lý do "Gia đình đã đăng ký khai sinh trực tiếp tại Ủy ban nhân dân xã."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Công dân yêu cầu rút hồ sơ"
    Và cán bộ một cửa thấy hồ sơ ở trạng thái "Công dân yêu cầu rút hồ sơ"
    Và cán bộ một cửa không còn thao tác xử lý nào với hồ sơ

  @needs_national_record
  Kịch bản: Lãnh đạo dừng xử lý hồ sơ và công dân thấy lý do
    Cho một công dân có hồ sơ "Đăng ký khai sinh" ở trạng thái "Đang xử lý"
    Khi lãnh đạo dừng xử lý hồ sơ với lý do "Người được khai sinh đã có Giấy khai sinh do cơ quan khác cấp."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Dừng xử lý"
    Và công dân thấy lý do "Người được khai sinh đã có Giấy khai sinh do cơ quan khác cấp."
    Và lãnh đạo không còn thao tác xử lý nào với hồ sơ

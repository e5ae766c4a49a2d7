# language: vi
@submission @mot_thu_tuc
Tính năng: Hồ sơ vừa nộp đến cơ quan giải quyết và Cổng Dịch vụ công quốc gia
  Hồ sơ nộp trực tuyến phải vào ngay danh sách cần xử lý của Bộ phận Một cửa và được
  đồng bộ lên Cổng Dịch vụ công quốc gia với trạng thái 1 "Mới đăng ký".

  Kịch bản: Cán bộ Bộ phận Một cửa thấy hồ sơ công dân vừa nộp
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ
    Thì cán bộ một cửa thấy hồ sơ vừa nộp trong danh sách hồ sơ cần xử lý

  @needs_national_portal_mock
  Kịch bản: Cổng Dịch vụ công quốc gia nhận hồ sơ vừa nộp với trạng thái Mới đăng ký
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ
    Thì Cổng Dịch vụ công quốc gia nhận được hồ sơ với trạng thái 1 "Mới đăng ký"

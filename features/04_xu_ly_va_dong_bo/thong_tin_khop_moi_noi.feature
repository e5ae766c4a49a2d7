# language: vi
@sync
Tính năng: Điều công dân khai và cán bộ quyết định giống nhau ở mọi nơi hồ sơ xuất hiện
  Một giá trị đúng ở nơi nó được tạo ra chưa đủ: mã hồ sơ, chủ hồ sơ, số điện thoại, thư
  điện tử, từng ô của tờ khai, người ký, ngày nộp, ngày hẹn trả và ngày phê duyệt phải
  giống nhau trên giấy tiếp nhận, trang hồ sơ của công dân, trang tra cứu công khai, trang
  của cán bộ, mọi bản ghi gửi Cổng DVCQG và văn bản kết quả điện tử; ngày giờ ở mọi nơi
  theo giờ Việt Nam.

  @mien_phi @needs_national_portal_mock
  Kịch bản: Những gì công dân khai và cán bộ quyết định giống nhau trên mọi trang, trên Cổng DVCQG và trong văn bản kết quả
    Cho hồ sơ một thủ tục miễn phí được công dân nộp trực tuyến, số điện thoại viết dạng "84…" và thư điện tử ở tên miền "hanoi.gov.vn"
    Và cổng đã gửi hồ sơ đó lên Cổng DVCQG
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Và chuyên viên thẩm định hồ sơ với ý kiến "Hồ sơ đủ điều kiện giải quyết."
    Và lãnh đạo phê duyệt hồ sơ
    Và cán bộ một cửa trả kết quả cho công dân
    Thì giấy tiếp nhận ghi đúng mã hồ sơ, chủ hồ sơ và trạng thái công dân thấy trên trang hồ sơ
    Và chuyên viên thấy từng thông tin của tờ khai đúng như công dân đã khai
    Và mọi bản ghi hồ sơ gửi Cổng DVCQG ghi đúng chủ hồ sơ, số điện thoại và thư điện tử công dân đã khai
    Và ngày nộp và ngày hẹn trả giống nhau trên giấy tiếp nhận, trang hồ sơ của công dân, trang tra cứu công khai, trang của cán bộ và Cổng DVCQG, theo giờ Việt Nam
    Và ngày nộp, ngày hẹn trả và ngày trả trên Cổng DVCQG khớp với những gì công dân thấy
    Và văn bản kết quả ghi đúng mã hồ sơ, chủ hồ sơ, người ký và từng thông tin của tờ khai
    Và ngày ký trên văn bản kết quả là ngày lãnh đạo phê duyệt mà công dân thấy
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

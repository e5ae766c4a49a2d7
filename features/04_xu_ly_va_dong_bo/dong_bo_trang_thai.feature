# language: vi
@sync @mot_thu_tuc
Tính năng: Đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia
  Mỗi lần hồ sơ đổi trạng thái, cổng gửi bản ghi hồ sơ (DongBoHoSoMC) và bước tiến độ
  (CapNhatTienDoHoSoMC) lên Cổng DVCQG: đúng thứ tự, mỗi thay đổi một lần, đúng mã trạng
  thái và định dạng. Cổng DVCQG tạm ngừng hay phiên làm việc hết hạn thì thay đổi được
  giữ lại và gửi sau, không mất, không lệch. Một lời gọi bị Cổng DVCQG từ chối là lỗi của
  dịch vụ được kiểm thử.

  Bản ghi hồ sơ ghi đơn vị đang giữ hồ sơ (DonViXuLy): đơn vị của bước mà hồ sơ đang ở theo
  các bước ([[steps]]) của tệp thủ tục — mới nộp: bước tiếp nhận; được tiếp nhận: bước kế
  tiếp; đang xử lý (xong lần thẩm định đầu): bước sau đó; đã xử lý xong: bước sau bước phê
  duyệt; đã trả kết quả: bước cuối. Bước tiến độ lúc phê duyệt mang hạn của bước trả kết quả
  (HanXuLy): số giờ làm việc của bước đó tính từ lúc phê duyệt (giờ hành chính, không tính
  ngày nghỉ; một ngày làm việc là 8 giờ), không muộn hơn ngày hẹn trả: với một bước N giờ làm
  việc, hạn ấy không muộn hơn hết ngày làm việc thứ ⌈N/8⌉ sau ngày phê duyệt, trong khi ngày
  hẹn trả của hồ sơ có thể xa hơn nhiều.

  Khi gửi không được, cổng gửi lại sau những khoảng chờ tăng dần để không dồn lời gọi vào
  Cổng DVCQG đang quá tải. Các con số trong kịch bản là chính sách của cổng tham chiếu
  (0,2 giây, gấp đôi mỗi lần; docs/portal-integration.md); kiểm thử một cổng có chính sách
  khác thì ghi các con số của cổng đó. Kịch bản xem bốn lần gửi (ba khoảng chờ); mức chờ tối
  đa của cổng tham chiếu (5 giây) chỉ lộ ra sau hơn 11 giây chờ, nên được kiểm bằng kiểm thử
  đơn vị của cổng (tests/portal/integration/test_outbox.py), không trong kịch bản này.

  Một lời đáp mang mã lỗi 1, 2, 3 hay HTTP 4xx (trừ 401, 408, 429) là Cổng DVCQG từ chối hẳn
  dữ liệu: gửi lại y nguyên sẽ lại bị từ chối, nên cổng ghi nhận thay đổi đó là bị từ chối
  (đọc qua API kiểm thử), không gửi lại, và các thay đổi khác vẫn được gửi
  (docs/portal-integration.md). Mã HTTP nào cũng tính theo nhóm của nó (chữ số đầu, RFC 9110
  mục 15): một mã 4xx không có trong chuẩn (499) vẫn là từ chối hẳn, một mã 3xx không có
  trong chuẩn (399) thì không phải từ chối dữ liệu, cổng gửi lại.

  @moi_thu_tuc @needs_national_portal_mock
  Kịch bản: Mỗi lần đổi trạng thái đến Cổng DVCQG đúng thứ tự, một lần, đúng mã và định dạng
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Và chuyên viên thẩm định hồ sơ với ý kiến "Hồ sơ đủ điều kiện giải quyết."
    Và lãnh đạo phê duyệt hồ sơ
    Và cán bộ một cửa trả kết quả cho công dân
    Thì Cổng DVCQG nhận các trạng thái 1, 2, 4, 9, 10 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và mọi bản ghi hồ sơ gửi Cổng DVCQG đủ trường, đúng chủ hồ sơ, ngày giờ theo định dạng yyyyMMddHHmmss
    Và mỗi bản ghi hồ sơ gửi Cổng DVCQG ghi đơn vị xử lý của bước mà hồ sơ đang ở theo quy trình của thủ tục
    Và hạn xử lý Cổng DVCQG nhận khi hồ sơ được phê duyệt là hạn của bước trả kết quả, không phải ngày hẹn trả
    Và ngày nộp, ngày hẹn trả và ngày trả trên Cổng DVCQG khớp với những gì công dân thấy
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Kịch bản: Các bước tiến độ trên Cổng DVCQG khớp với những gì cán bộ và công dân đã làm
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Và chuyên viên yêu cầu bổ sung giấy tờ bắt buộc với nội dung "Đề nghị nộp bản chụp rõ nét."
    Và công dân gửi bổ sung giấy tờ được yêu cầu
    Và chuyên viên thẩm định hồ sơ với ý kiến "Hồ sơ đã đủ, đủ điều kiện giải quyết."
    Thì các bước tiến độ trên Cổng DVCQG khớp từng dòng với quá trình xử lý mà công dân thấy
    Và các bước tiến độ lần lượt do công dân, cán bộ một cửa, chuyên viên, công dân, chuyên viên thực hiện
    Và giấy tờ công dân bổ sung có trong TaiLieuNop trên Cổng DVCQG với đúng mã băm SHA-256
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Kịch bản: Nghĩa vụ tài chính và kết quả thanh toán được đồng bộ trong DanhSachLePhi
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi cán bộ một cửa yêu cầu công dân thực hiện nghĩa vụ tài chính 50000 đồng
    Thì Cổng DVCQG giữ hồ sơ ở trạng thái 6 với khoản phí 50000 đồng chưa thanh toán
    Khi công dân thanh toán số tiền đó trực tuyến
    Thì Cổng DVCQG giữ hồ sơ ở trạng thái 4 với khoản phí 50000 đồng đã thanh toán, đúng mã giao dịch công dân thấy
    Và Cổng DVCQG nhận các trạng thái 1, 2, 6, 4 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Khung kịch bản: Hồ sơ kết thúc sớm được đồng bộ cùng lý do
    Cho một công dân có hồ sơ ở trạng thái "<trạng thái đầu>"
    Khi <việc kết thúc> với lý do "<lý do>"
    Thì Cổng DVCQG nhận các trạng thái <các trạng thái> của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và bước tiến độ cuối cùng trên Cổng DVCQG ghi lý do "<lý do>"
    Và Cổng DVCQG giữ đúng trạng thái mà công dân thấy trên cổng
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

    Dữ liệu:
      | trạng thái đầu | việc kết thúc                            | lý do                                        | các trạng thái |
      | Mới đăng ký    | cán bộ một cửa từ chối tiếp nhận hồ sơ   | Hồ sơ không thuộc thẩm quyền của xã.         | 1, 3           |
      | Được tiếp nhận | công dân rút hồ sơ                       | Gia đình chuyển nơi cư trú, sẽ nộp lại sau.  | 1, 2, 7        |
      | Đang xử lý     | lãnh đạo dừng xử lý hồ sơ                | Có tranh chấp về quan hệ cha, mẹ, con.       | 1, 2, 4, 8     |

  @needs_national_portal_mock
  Kịch bản: Cổng DVCQG tạm ngừng trong lúc xử lý, thay đổi được gửi lại đủ khi có lại kết nối
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Và Cổng DVCQG ngừng phục vụ các lời gọi của hồ sơ
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Và chuyên viên thẩm định hồ sơ với ý kiến "Hồ sơ đủ điều kiện giải quyết."
    Thì cổng đã thử gửi nhưng Cổng DVCQG chưa nhận trạng thái mới nào của hồ sơ
    Và cổng gửi lại sau những khoảng chờ tăng dần: lần đầu sau ít nhất 0,2 giây, mỗi lần sau gấp đôi lần trước
    Và chuyên viên thấy hồ sơ ở trạng thái "Đang xử lý"
    Khi Cổng DVCQG hoạt động trở lại
    Thì Cổng DVCQG nhận các trạng thái 1, 2, 4 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và các bước tiến độ trên Cổng DVCQG khớp từng dòng với quá trình xử lý mà công dân thấy
    Và Cổng DVCQG giữ đúng trạng thái mà công dân thấy trên cổng
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Kịch bản: Cổng DVCQG báo một lỗi không phải từ chối dữ liệu, cổng gửi lại cho đến khi được nhận
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Và Cổng DVCQG trả lời mã lỗi 99 "Hệ thống đang bận, vui lòng thử lại sau" cho các lời gọi của hồ sơ
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Thì cổng đã thử gửi nhưng Cổng DVCQG chưa nhận trạng thái mới nào của hồ sơ
    Khi Cổng DVCQG hoạt động trở lại
    Thì Cổng DVCQG nhận các trạng thái 1, 2 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Kịch bản: Cổng DVCQG trả lời bằng một mã HTTP 3xx không có trong chuẩn, cổng không coi là từ chối dữ liệu mà gửi lại cho đến khi được nhận
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Và Cổng DVCQG trả lời HTTP 399, mã lỗi 99 "Hệ thống đang bận, vui lòng thử lại sau" cho các lời gọi của hồ sơ
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Thì cổng đã thử gửi nhưng Cổng DVCQG chưa nhận trạng thái mới nào của hồ sơ
    Khi Cổng DVCQG hoạt động trở lại
    Thì Cổng DVCQG nhận các trạng thái 1, 2 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock @needs_test_api
  Khung kịch bản: Cổng DVCQG từ chối hẳn một lời gọi (<lời đáp>), cổng bỏ thay đổi đó mà không làm mất thay đổi của hồ sơ khác
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Và một hồ sơ khác của công dân có thay đổi đang chờ gửi lại vì Cổng DVCQG ngừng phục vụ các lời gọi của hồ sơ đó
    Và Cổng DVCQG từ chối hẳn bước tiến độ tiếp theo của hồ sơ: HTTP <HTTP>, mã lỗi <mã lỗi> "<thông báo>"
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Thì cổng ghi nhận thay đổi đó bị Cổng DVCQG từ chối hẳn, không còn chờ gửi lại
    Khi Cổng DVCQG hoạt động trở lại
    Thì Cổng DVCQG nhận các trạng thái 1, 2 của hồ sơ khác, mỗi trạng thái một lần

    Dữ liệu:
      | lời đáp                | HTTP | mã lỗi | thông báo                                      |
      | dữ liệu không hợp lệ   | 200  | 1      | Dữ liệu không hợp lệ                           |
      | HTTP 403               | 403  | 99     | Tài khoản không được cập nhật hồ sơ này        |
      | HTTP 499               | 499  | 99     | Yêu cầu không được chấp nhận                   |

  @needs_national_portal_mock
  Kịch bản: Phiên làm việc với Cổng DVCQG hết hạn, cổng đăng nhập lại và không mất thay đổi
    Cho một công dân có hồ sơ ở trạng thái "Mới đăng ký"
    Và phiên làm việc của cổng với Cổng DVCQG hết hạn
    Khi cán bộ một cửa tiếp nhận hồ sơ
    Thì cổng đăng nhập lại Cổng DVCQG rồi gửi tiếp
    Và Cổng DVCQG nhận các trạng thái 1, 2 của hồ sơ theo đúng thứ tự, mỗi trạng thái một lần
    Và các bước tiến độ trên Cổng DVCQG khớp từng dòng với quá trình xử lý mà công dân thấy
    Và Cổng DVCQG không từ chối lời gọi nào của hồ sơ

  @needs_national_portal_mock
  Kịch bản: Đối soát: Cổng DVCQG giữ đúng trạng thái của mọi hồ sơ trong lần chạy
    Cho một công dân có các hồ sơ ở các trạng thái "Không được tiếp nhận", "Yêu cầu bổ sung giấy tờ", "Công dân yêu cầu rút hồ sơ", "Dừng xử lý"
    Khi cổng gửi xong mọi thay đổi đang chờ
    Thì trạng thái mọi hồ sơ mà cán bộ thấy trên cổng trùng với trạng thái Cổng DVCQG đang giữ
    Và trạng thái các hồ sơ trong "Hồ sơ của tôi" của công dân trùng với Cổng DVCQG
    Và Cổng DVCQG không giữ hồ sơ nào mà cổng không có

  @needs_national_portal_mock @needs_test_api
  Kịch bản: Không lời gọi đồng bộ nào của cổng bị Cổng DVCQG từ chối trong lần chạy
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi cổng gửi xong mọi thay đổi đang chờ
    Thì Cổng DVCQG không từ chối lời gọi nào của cổng trong lần chạy
    Và cổng không còn thay đổi nào đang chờ gửi và chỉ bỏ những thay đổi Cổng DVCQG đã từ chối hẳn

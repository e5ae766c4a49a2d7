"""Seeded defects: realistic bugs that can be switched on in the reference portal.

They measure the e2e suite (``make selfcheck``, docs/selfcheck.md): a suite is worth
the defects it catches. ``PORTAL_DEFECTS=name1,name2`` switches them on, in test mode
only (the settings refuse it otherwise). Each defect is an ``if defects.active(name)``
branch in the portal's real code path that does what the buggy code would do; nothing
of it is visible from outside but the wrong behaviour itself. The suite never reads
this module nor ``PORTAL_DEFECTS``.

Adding one: a ``Defect`` in ``CATALOGUE`` (name, area, Vietnamese description, the tags
whose scenarios should catch it), then the branch where the bug would live.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

AREAS = ("sso", "submission", "payment", "processing", "sync", "e_result", "security")


@dataclass(frozen=True)
class Defect:
    name: str  # snake_case, English
    area: str  # the checklist tag it belongs to (one of AREAS)
    description: str  # Vietnamese: what goes wrong, as a tester would report it
    tags: tuple[str, ...]  # the tags whose scenarios should catch it
    # Where, among those tags, the catching scenarios live: feature files under features/,
    # each optionally narrowed to the scenarios whose name starts with the text after "::".
    # ``make selfcheck`` runs only these (a defect's run in seconds, not minutes).
    where: tuple[str, ...] = ()


def _d(name: str, area: str, description: str, *tags: str, where: tuple[str, ...] = ()) -> Defect:
    return Defect(name, area, description, tags or (area,), where)


# Feature files (under features/) the defects' scenarios live in.
SSO_CLAIMS = "01_dang_nhap_mot_lan/kiem_tra_thong_tin_xac_thuc.feature"
FORM_CHECKS = "02_nop_ho_so/kiem_tra_to_khai.feature"
IDENTITY = "02_nop_ho_so/thong_tin_dinh_danh.feature"
ATTACHMENTS = "02_nop_ho_so/tep_dinh_kem.feature"
PAYMENT_RESULT = "03_thanh_toan/thong_bao_ket_qua.feature"
PAYMENT_FAILED = "03_thanh_toan/thanh_toan_khong_thanh_cong.feature"
WORKFLOW = "04_xu_ly_va_dong_bo/giai_quyet_ho_so.feature"
SYNC = "04_xu_ly_va_dong_bo/dong_bo_trang_thai.feature"
SYNC_EACH_CHANGE = SYNC + "::Mỗi lần đổi trạng thái đến Cổng DVCQG"
E_RESULT = "05_ket_qua_dien_tu/ket_qua_dien_tu.feature"
UPLOADS = (ATTACHMENTS, "06_an_toan_thong_tin/tep_tai_len.feature")
SIGN_IN_THROTTLE = "06_an_toan_thong_tin/dang_nhap_can_bo_sai_nhieu_lan.feature"
CROSS_SITE = "06_an_toan_thong_tin/yeu_cau_tu_trang_web_khac.feature"


CATALOGUE: tuple[Defect, ...] = (
    # --- 1. đăng nhập một lần ----------------------------------------------------------
    _d("id_token_signature_unchecked", "sso",
       "Cổng đọc id_token mà không kiểm tra chữ ký số: id_token giả mạo vẫn mở được phiên.",
       where=(SSO_CLAIMS,)),
    _d("id_token_nonce_ignored", "sso",
       "Cổng không so nonce trong id_token với nonce của lần đăng nhập (chống phát lại).",
       where=(SSO_CLAIMS,)),
    _d("oidc_state_ignored", "sso",
       "Cổng không đối chiếu và không hủy state: đường dẫn trả về dùng lại được, mã cấp quyền bị gửi lại.",
       where=(SSO_CLAIMS,)),
    _d("id_token_audience_unchecked", "sso",
       "Cổng không kiểm tra aud: id_token cấp cho ứng dụng khác vẫn được chấp nhận.",
       where=(SSO_CLAIMS,)),
    _d("id_token_issuer_unchecked", "sso",
       "Cổng không kiểm tra iss: id_token do bên phát hành khác cấp vẫn được chấp nhận.",
       where=(SSO_CLAIMS,)),
    _d("id_token_expiry_unchecked", "sso",
       "Cổng không kiểm tra thời hạn (exp): id_token đã hết hạn vẫn mở được phiên.",
       where=(SSO_CLAIMS,)),
    _d("logout_keeps_portal_session", "sso",
       "Đăng xuất chỉ chuyển sang hệ thống định danh, phiên trên cổng vẫn còn hiệu lực.",
       where=("01_dang_nhap_mot_lan/dang_xuat.feature",)),
    # --- 2. nộp hồ sơ trực tuyến ---------------------------------------------------------
    _d("prefill_ignores_identity", "submission",
       "Tờ khai không điền sẵn thông tin định danh: công dân phải nhập lại những gì nhà nước đã biết.",
       "submission", "sso",
       where=(IDENTITY, "01_dang_nhap_mot_lan/dang_nhap.feature::Thông tin định danh đến tờ khai")),
    _d("identity_fields_taken_from_form", "submission",
       "Cổng lấy họ tên, số định danh từ tờ khai gửi lên thay vì từ tài khoản định danh.",
       where=(IDENTITY,)),
    _d("cccd_format_unchecked", "submission",
       "Số định danh cá nhân không được kiểm tra định dạng (12 chữ số, mã tỉnh, thế kỷ).",
       where=(FORM_CHECKS,)),
    _d("phone_format_unchecked", "submission",
       "Số điện thoại không được kiểm tra là số di động Việt Nam.",
       where=(FORM_CHECKS,)),
    _d("attachments_not_required", "submission",
       "Hồ sơ thiếu thành phần bắt buộc vẫn được nhận.",
       where=(ATTACHMENTS,)),
    _d("due_date_counts_weekends", "submission",
       "Ngày hẹn trả tính cả thứ Bảy, Chủ nhật là ngày làm việc.",
       where=("02_nop_ho_so/nop_ho_so.feature",)),
    _d("due_date_ignores_holidays", "submission",
       "Ngày hẹn trả không trừ ngày lễ, Tết (chỉ bỏ thứ Bảy, Chủ nhật).",
       where=("02_nop_ho_so/nop_ho_so.feature",)),
    # --- 3. thanh toán trực tuyến --------------------------------------------------------
    _d("payment_checksum_unchecked", "payment",
       "Cổng không kiểm tra mã xác thực (MaXacThuc) của kết quả thanh toán.",
       where=(PAYMENT_RESULT,)),
    _d("payment_amount_unchecked", "payment",
       "Cổng không so số tiền trong thông báo kết quả với số tiền của giao dịch.",
       where=(PAYMENT_RESULT,)),
    _d("payment_duplicate_recorded_twice", "payment",
       "Thông báo kết quả gửi trùng được ghi nhận hai lần (hai bước thanh toán, hai lần đồng bộ).",
       where=(PAYMENT_RESULT,)),
    _d("payment_query_skipped", "payment",
       "Công dân về lại cổng mà chưa có thông báo kết quả thì cổng tin ngay trình duyệt, không hỏi lại nền tảng thanh toán.",
       where=(PAYMENT_RESULT,)),
    _d("dossier_saved_only_after_payment", "payment",
       "Hồ sơ chỉ được lưu chính thức khi đã thanh toán: thanh toán không thành công thì hồ sơ bị hủy, không thanh toán lại được.",
       where=(PAYMENT_FAILED,)),
    # --- 4a. xử lý hồ sơ -----------------------------------------------------------------
    _d("approval_role_unchecked", "processing",
       "Cán bộ không có vai trò phê duyệt gửi thẳng yêu cầu vẫn phê duyệt được hồ sơ.",
       where=(WORKFLOW,)),
    _d("overdue_returned_without_apology", "processing",
       "Hồ sơ quá hạn được trả kết quả mà không phải gửi thư xin lỗi, hẹn lại ngày trả.",
       where=("04_xu_ly_va_dong_bo/thoi_han_xu_ly.feature",)),
    _d("refusal_reason_not_shown", "processing",
       "Lý do từ chối tiếp nhận chỉ ghi trong nhật ký nội bộ, công dân không thấy.",
       where=("04_xu_ly_va_dong_bo/tiep_nhan_ho_so.feature",)),
    _d("supplement_does_not_resume", "processing",
       "Công dân đã bổ sung giấy tờ mà hồ sơ vẫn nằm ở trạng thái yêu cầu bổ sung.",
       where=(WORKFLOW,)),
    # --- 4b. đồng bộ trạng thái ------------------------------------------------------------
    _d("status_change_not_synced", "sync",
       "Chỉ lần nộp hồ sơ được đồng bộ: các lần đổi trạng thái sau không gửi bản ghi hồ sơ lên Cổng DVCQG.",
       where=(SYNC_EACH_CHANGE, SYNC + "::Đối soát")),
    _d("sync_out_of_order", "sync",
       "Hàng đợi đồng bộ gửi thay đổi mới nhất trước: Cổng DVCQG nhận trạng thái sai thứ tự.",
       where=(SYNC_EACH_CHANGE,)),
    _d("sync_wrong_status_code", "sync",
       "Hồ sơ được tiếp nhận mà cổng gửi mã trạng thái 4 (Đang xử lý) thay vì 2 (Được tiếp nhận).",
       where=(SYNC_EACH_CHANGE,)),
    _d("sync_dates_in_utc", "sync",
       "Ngày giờ gửi Cổng DVCQG theo giờ UTC thay vì giờ Việt Nam (lệch 7 giờ).",
       where=(SYNC_EACH_CHANGE,)),
    _d("sync_dates_iso_format", "sync",
       "Ngày giờ gửi Cổng DVCQG theo định dạng ISO 8601 thay vì yyyyMMddHHmmss.",
       where=(SYNC_EACH_CHANGE, SYNC + "::Không lời gọi đồng bộ nào")),
    _d("sync_lost_when_national_down", "sync",
       "Cổng DVCQG tạm ngừng thì thay đổi bị bỏ, không gửi lại khi có lại kết nối.",
       "sync", "reliability",
       where=(SYNC + "::Cổng DVCQG tạm ngừng", "07_do_tin_cay/cong_dvcqg_gian_doan.feature")),
    _d("sync_progress_missing", "sync",
       "Cổng không gửi bước tiến độ (CapNhatTienDoHoSoMC) khi xử lý hồ sơ.",
       where=(SYNC + "::Các bước tiến độ",)),
    # --- 5. kết quả điện tử ----------------------------------------------------------------
    _d("result_unsigned", "e_result",
       "Kết quả giải quyết là PDF không có chữ ký số của cơ quan.",
       where=(E_RESULT + "::Lãnh đạo ký số",)),
    _d("result_qr_wrong_target", "e_result",
       "Mã QR trên văn bản dẫn tới trang xác thực theo số thứ tự nội bộ, tức là của văn bản khác.",
       where=(E_RESULT + "::Mã QR trên văn bản",)),
    _d("result_not_sent_to_warehouse", "e_result",
       "Trả kết quả mà không gửi văn bản vào kho dữ liệu của công dân.",
       where=(E_RESULT + "::Kho dữ liệu của công dân",)),
    _d("result_hash_of_unsigned_pdf", "e_result",
       "Mã băm SHA-256 gửi Cổng DVCQG và kho dữ liệu được tính trên bản PDF trước khi ký.",
       where=(E_RESULT + "::Mã QR trên văn bản", E_RESULT + "::Trang xác thực nhận ra", E_RESULT + "::Kho dữ liệu")),
    _d("verification_matches_by_size", "e_result",
       "Trang xác thực nhận diện văn bản theo kích thước tệp thay vì mã băm: tệp bị sửa vẫn được coi là văn bản của hồ sơ.",
       where=(E_RESULT + "::Văn bản bị sửa",)),
    # --- an toàn thông tin -------------------------------------------------------------------
    _d("dossier_owner_unchecked", "security",
       "Công dân này đọc và tải được hồ sơ, kết quả của công dân khác nếu biết mã hồ sơ.",
       "e_result", "security",
       where=("06_an_toan_thong_tin/ho_so_cua_nguoi_khac.feature", E_RESULT + "::Công dân khác")),
    _d("upload_size_unchecked", "security",
       "Cổng không kiểm tra dung lượng tệp đính kèm (cắt tệp quá lớn rồi nhận).",
       "submission", "security",
       where=UPLOADS),
    _d("upload_content_unchecked", "security",
       "Cổng chỉ xem phần mở rộng, không kiểm tra nội dung tệp đính kèm (tệp chạy đổi tên thành .pdf).",
       "submission", "security",
       where=UPLOADS),
    _d("csrf_unchecked", "security",
       "Biểu mẫu thay đổi dữ liệu không đòi mã chống giả mạo yêu cầu (CSRF): trang web khác gửi thay người dùng được.",
       where=("06_an_toan_thong_tin/chong_gia_mao_yeu_cau.feature",)),
    _d("open_redirect_after_sign_in", "security",
       "Sau khi đăng nhập, cổng chỉ xem tham số chuyển tiếp có bắt đầu bằng “/” không: //trang-gia-mao vẫn được chuyển tới.",
       where=("06_an_toan_thong_tin/chuyen_huong_sau_dang_nhap.feature",)),
    _d("session_not_rotated_at_sign_in", "security",
       "Cổng giữ nguyên mã phiên khi công dân đăng nhập: kẻ gian cài sẵn mã phiên là chiếm được phiên (session fixation).",
       where=("06_an_toan_thong_tin/phien_lam_viec.feature",)),
    _d("officer_sign_in_unthrottled", "security",
       "Đăng nhập cán bộ không giới hạn số lần nhập sai: đoán mật khẩu liên tục, rồi mật khẩu đúng vẫn được nhận.",
       where=(SIGN_IN_THROTTLE,)),
    _d("test_api_cross_site", "security",
       "Đường dẫn kiểm thử /_test nhận yêu cầu gửi từ trang web khác: một trang lạ xóa được dữ liệu của cổng.",
       where=(CROSS_SITE,)),
    # --- đối chiếu ở mọi nơi (issue 20) -------------------------------------------------------
    _d("phone_84_kept_as_typed", "submission",
       "Số di động viết dạng 84… (11 chữ số) không được đổi về 0…: cổng từ chối một số hợp lệ.",
       where=("02_nop_ho_so/du_lieu_hop_le.feature::Số điện thoại",)),
    _d("contact_from_identity_not_form", "sync",
       "Thư điện tử của hồ sơ lấy từ tài khoản định danh, không theo tờ khai: Cổng DVCQG nhận địa chỉ công dân không khai.",
       where=("04_xu_ly_va_dong_bo/thong_tin_khop_moi_noi.feature",)),
    _d("lookup_shows_owner", "security",
       "Trang tra cứu công khai ghi họ tên chủ hồ sơ: ai có mã hồ sơ cũng biết hồ sơ của ai.",
       where=("06_an_toan_thong_tin/trang_cong_khai.feature",)),
    _d("same_form_twice_two_dossiers", "submission",
       "Cùng một tờ khai đến cổng hai lần (mạng gửi lại) thành hai hồ sơ.",
       "reliability",
       where=("07_do_tin_cay/trinh_duyet_nhu_nguoi_dung.feature::Tờ khai đến cổng hai lần",)),
)  # fmt: skip

BY_NAME: dict[str, Defect] = {defect.name: defect for defect in CATALOGUE}

_active: frozenset[str] = frozenset()


def parse(value: str) -> frozenset[str]:
    """``"a, b"`` → ``{"a", "b"}``; raise ValueError naming any defect not in the catalogue."""
    names = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(names - BY_NAME.keys())
    if unknown:
        raise ValueError(f"unknown seeded defect(s): {', '.join(unknown)}")
    return names


def enable(names: Iterable[str]) -> None:
    """Switch exactly these defects on (the app factory calls it with the settings')."""
    global _active
    chosen = frozenset(names)
    unknown = sorted(chosen - BY_NAME.keys())
    if unknown:
        raise ValueError(f"unknown seeded defect(s): {', '.join(unknown)}")
    _active = chosen


def active(name: str) -> bool:
    """Whether the seeded defect ``name`` is on; a name not in the catalogue is a bug."""
    if name not in BY_NAME:
        raise KeyError(f"{name!r} is not in the defect catalogue")
    return name in _active


def active_names() -> frozenset[str]:
    return _active


@contextmanager
def switched_on(*names: str) -> Iterator[None]:
    """For unit tests: these defects on inside the block, the previous set restored after."""
    previous = _active
    enable(names)
    try:
        yield
    finally:
        enable(previous)

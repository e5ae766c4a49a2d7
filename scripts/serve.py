"""``make serve``: the reference portal and the three mocks, up for clicking through.

Ports come from targets/local-external.toml (portal 8000, sso 8101, payment 8102,
national_portal 8103), so ``pytest features --target local-external`` can run against
the same servers. ``--profile PATH`` reads them from another profile; ``--free-ports
--write-profile PATH`` picks free ports instead (CI, where 8000 may be taken) and writes
the profile to give the suite (``--target PATH``). ``--mocks-only`` starts just the three
mocks, where a profile's [mocks] says, for a portal of your own configured to call them. The portal runs in test mode with the demonstration officer accounts;
its database is var/serve/portal.db, emptied at each start (the mocks forget everything
when they stop, so old dossiers would no longer agree with the national portal) unless
``--keep``. Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from fixtures.control import HEADER as CONTROL_HEADER
from fixtures.control import TOKEN_ENV as CONTROL_TOKEN_ENV
from fixtures.control import control_token
from fixtures.control import mock_env as control_env
from fixtures.servers import ServerError, ServerProcess, free_port, start_all, stop_all
from fixtures.stack import (
    NATIONAL_MADONVI,
    NATIONAL_PASSWORD,
    NATIONAL_USERNAME,
    PAYMENT_PARTNER_CODE,
    PAYMENT_SECRET,
)
from portal.services.officers import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "targets" / "local-external.toml"
PERSONA_PASSWORD = "Matkhau@123"
PERSONAS = (
    ("001090012345", "Nguyễn Văn An (công dân)"),
    ("079195067890", "Trần Thị Bích Ngọc (công dân)"),
    ("0109876543", "Lê Minh Tuấn, Công ty TNHH Thương mại An Phát (doanh nghiệp)"),
)


def port_of(url: str, profile: Path = PROFILE) -> int:
    port = urlsplit(url).port
    if port is None:
        raise SystemExit(f"serve: {url} in {profile.name} has no port")
    return port


def read_urls(profile: Path) -> tuple[str, dict[str, str]]:
    """The portal's URL and the mocks' URLs of a target profile."""
    data = tomllib.loads(profile.read_text(encoding="utf-8"))
    portal_url = str(data.get("portal", {}).get("citizen_url", "http://127.0.0.1:8000"))
    mocks = {name: str(url).rstrip("/") for name, url in data.get("mocks", {}).items()}
    return portal_url.rstrip("/"), mocks


def free_urls() -> tuple[str, dict[str, str]]:
    ports = {name: free_port() for name in ("portal", *MOCKS)}
    mocks = {name: f"http://127.0.0.1:{ports[name]}" for name in MOCKS}
    return f"http://127.0.0.1:{ports['portal']}", mocks


def write_profile(path: Path, portal_url: str, mocks: dict[str, str]) -> None:
    """local-external.toml with these URLs: what the suite is given as ``--target``."""
    text = PROFILE.read_text(encoding="utf-8")
    old_portal, old_mocks = read_urls(PROFILE)
    text = text.replace(f'"{old_portal}"', f'"{portal_url}"')
    for name, url in old_mocks.items():
        text = text.replace(f'{name} = "{url}"', f'{name} = "{mocks[name]}"')
    text = text.replace('name = "local-external"', f'name = "{path.stem}"', 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


MOCKS = ("sso", "payment", "national_portal")


def servers(
    workdir: Path,
    portal_url: str,
    mocks: dict[str, str],
    *,
    mocks_only: bool = False,
    profile: Path = PROFILE,
) -> list[ServerProcess]:
    mock_env = {
        "sso": {
            "SSO_REDIRECT_URIS": f"{portal_url}/auth/callback",
            "SSO_POST_LOGOUT_REDIRECT_URIS": f"{portal_url}/da-dang-xuat",
        },
        "payment": {"PAYMENT_PARTNER_CODE": PAYMENT_PARTNER_CODE, "PAYMENT_SECRET": PAYMENT_SECRET},
        "national_portal": {
            "NATIONAL_USERNAME": NATIONAL_USERNAME,
            "NATIONAL_PASSWORD": NATIONAL_PASSWORD,
            "NATIONAL_MADONVI": NATIONAL_MADONVI,
        },
    }
    started = [
        ServerProcess(
            name=name,
            module=f"mocks.{name}",
            port=port_of(mocks[name], profile),
            # --mocks-only serves someone else's portal: the mocks' own settings (SSO_*,
            # PAYMENT_*, NATIONAL_* from the environment, README) apply, not ours.
            # The control token ($DVC_CONTROL_TOKEN, else a random one) in both cases.
            env={**({} if mocks_only else mock_env[name]), **control_env()},
            log_path=workdir / f"{name}.log",
        )
        for name in MOCKS
        if name in mocks  # --mocks-only: a profile names only the mocks its portal uses
    ]
    if mocks_only:
        return started
    started.append(
        ServerProcess(
            name="portal",
            module="portal",
            port=port_of(portal_url, profile),
            env={
                "PORTAL_MODE": "test",
                "PORTAL_PUBLIC_URL": portal_url,
                "PORTAL_DATABASE_URL": f"sqlite:///{workdir / 'portal.db'}",
                "PORTAL_SSO_ISSUER": mocks["sso"],
                "PORTAL_PAYMENT_URL": mocks["payment"],
                "PORTAL_PAYMENT_PARTNER_CODE": PAYMENT_PARTNER_CODE,
                "PORTAL_PAYMENT_SECRET": PAYMENT_SECRET,
                "PORTAL_NATIONAL_URL": mocks["national_portal"],
                "PORTAL_NATIONAL_USERNAME": NATIONAL_USERNAME,
                "PORTAL_NATIONAL_PASSWORD": NATIONAL_PASSWORD,
                "PORTAL_NATIONAL_MADONVI": NATIONAL_MADONVI,
            },
            log_path=workdir / "portal.log",
        )
    )
    return started


TITLES = {"sso": "Định danh (SSO):", "payment": "Thanh toán:", "national_portal": "Cổng DVCQG:"}


def control_lines(urls: dict[str, str]) -> list[str]:
    """How to reach the mocks' control API: the token, and the suite's variable for it."""
    lines = [
        f"  Mã điều khiển các hệ thống mô phỏng ({CONTROL_HEADER}): {control_token()}",
        f"    chạy bộ kiểm thử với: export {CONTROL_TOKEN_ENV}={control_token()}",
    ]
    if "national_portal" in urls:
        lines.append(
            f"    ví dụ: curl -H '{CONTROL_HEADER}: {control_token()}' "
            f"{urls['national_portal']}/_control/dossiers  (nhật ký đồng bộ)"
        )
    return lines


def banner(running: list[ServerProcess], workdir: Path) -> str:
    urls = {server.name: server.url for server in running}
    if "portal" not in urls:
        return "\n".join(
            [
                "",
                "Các hệ thống quốc gia mô phỏng đang chạy. Ctrl-C để dừng tất cả.",
                "",
                *(f"  {TITLES[name]:<20} {urls[name]}" for name in MOCKS if name in urls),
                "",
                *control_lines(urls),
                "",
                f"  Nhật ký máy chủ: {workdir}/*.log",
                "",
            ]
        )
    portal = urls["portal"]
    lines = [
        "",
        "Cổng dịch vụ công tham chiếu đang chạy (chế độ test). Ctrl-C để dừng tất cả.",
        "",
        f"  Công dân:            {portal}/          (Đăng nhập → hệ thống định danh mô phỏng)",
        f"  Cán bộ:              {portal}/can-bo/dang-nhap",
        f"  Xác thực kết quả:    {portal}/xac-thuc",
        f"  Định danh (SSO):     {urls['sso']}",
        f"  Thanh toán:          {urls['payment']}",
        f"  Cổng DVCQG:          {urls['national_portal']}",
        "",
        *control_lines(urls),
        "",
        f"  Tài khoản công dân (mật khẩu {PERSONA_PASSWORD}):",
        *(f"    {username:<14} {who}" for username, who in PERSONAS),
        "",
        "  Tài khoản cán bộ:",
        *(
            f"    {a.username:<11} / {a.password:<16} {a.full_name} ({a.unit}, vai trò {a.role})"
            for a in DEMO_ACCOUNTS
        ),
        "",
        f"  Nhật ký máy chủ: {workdir}/*.log",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the portal's database")
    parser.add_argument(
        "--profile", type=Path, default=PROFILE, help="read the ports from this target profile"
    )
    parser.add_argument(
        "--free-ports", action="store_true", help="pick free ports instead of the profile's"
    )
    parser.add_argument(
        "--write-profile",
        type=Path,
        metavar="PATH",
        help="write a target profile with the URLs used (give it to pytest --target PATH)",
    )
    parser.add_argument("--mocks-only", action="store_true", help="start only the three mocks")
    parser.add_argument(
        "--workdir", type=Path, default=ROOT / "var" / "serve", help="database and logs"
    )
    args = parser.parse_args()
    profile = args.profile.resolve()
    if not profile.is_file():
        print(f"serve: no target profile {profile}", file=sys.stderr)
        return 1
    portal_url, mocks = free_urls() if args.free_ports else read_urls(profile)
    if args.mocks_only:
        portal_url = read_urls(profile)[0]  # someone else's portal: where the profile says
    missing = [name for name in MOCKS if name not in mocks]
    if missing and not (args.mocks_only and len(missing) < len(MOCKS)):
        print(f"serve: {profile.name} has no [mocks] URL for {', '.join(missing)}", file=sys.stderr)
        return 1
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.keep:
        for leftover in workdir.glob("portal.db*"):
            leftover.unlink()
    running = servers(workdir, portal_url, mocks, mocks_only=args.mocks_only, profile=profile)
    try:
        start_all(running)
    except ServerError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1
    if args.write_profile:
        write_profile(args.write_profile, portal_url, mocks)
    print(banner(running, workdir), flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return watch(running)
    except KeyboardInterrupt:
        print("\nserve: stopping…", file=sys.stderr)
        return 0
    finally:
        stop_all(running)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def watch(running: list[ServerProcess]) -> int:
    """Wait until a server dies (then say which, with its log) or Ctrl-C."""
    while True:
        for server in running:
            process = server.process
            if process is None or process.poll() is not None:
                print(f"serve: {server.name} stopped: {server.log_tail()}", file=sys.stderr)
                return 1
            try:
                process.wait(timeout=1.0 / len(running))
            except subprocess.TimeoutExpired:
                continue


if __name__ == "__main__":
    raise SystemExit(main())

"""An attachment's size limit as people read it: a whole number as is ("5 MB"), a fraction
with the Vietnamese decimal comma ("0,2 MB"), the same on the catalogue page and the form as
in the refusal message (tests/portal/test_uploads.py); the pages once printed "0.2 MB" while
the message said "0,2 MB" (the dossier page's supplement form uses the same property). This
copies the shipped procedures with one more limit that is a fraction (0.2)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from portal.app import create_app
from portal.procedures import Attachment
from portal.settings import PortalSettings
from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]
CODE = "2.000488"  # procedures/02_cap_phieu_ly_lich_tu_phap.toml: its UY_QUYEN slot


@pytest.mark.parametrize(
    ("max_mb", "shown"), [(5, "5"), (5.0, "5"), (0.2, "0,2"), (2.5, "2,5"), (12, "12")]
)
def test_the_limit_is_written_with_a_decimal_comma(max_mb: float, shown: str) -> None:
    slot = Attachment(code="UQ", name="Văn bản ủy quyền", types=["pdf"], max_mb=max_mb)
    assert slot.max_mb_text == shown


@pytest.fixture
async def fractional(settings: PortalSettings, tmp_path: Path) -> AsyncIterator[Portal]:
    folder = tmp_path / "procedures"
    shutil.copytree(ROOT / "procedures", folder)
    path = folder / "02_cap_phieu_ly_lich_tu_phap.toml"
    text = path.read_text(encoding="utf-8")
    slot = text.index('code = "UY_QUYEN"')
    limit = text.index("max_mb = 5", slot)
    path.write_text(text[:limit] + "max_mb = 0.2" + text[limit + 10 :], encoding="utf-8")
    app = create_app(settings.model_copy(update={"procedures_dir": folder}))
    portal = Portal(app, httpx.ASGITransport(app=app))
    try:
        yield portal
    finally:
        await portal.close()


async def test_every_page_writes_a_fractional_limit_with_a_comma(fractional: Portal) -> None:
    catalogue = (await fractional.anonymous.get(f"/thu-tuc/{CODE}")).text
    citizen = await fractional.sign_in(identity=identity())
    form = (await citizen.get(f"/thu-tuc/{CODE}/nop-ho-so")).text
    for name, page in (("catalogue", catalogue), ("form", form)):
        assert "0,2 MB" in page, name
        assert "0.2" not in page, name

"""PAdES signing with a real PKCS#11 token (SoftHSM2) and a PKCS#12 file, checked three ways:
pyHanko's validator, an independent CMS check, and poppler's pdfsig."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app.digitize import signing
from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import profile
from counter_app.services import attachments
from counter_app.services.context import Actor, Core
from tests.digitize import documents
from tests.digitize.cms_check import check_last_signature

pytestmark = pytest.mark.softhsm


def token(env: dict[str, str]) -> signing.SignerConfig:
    return signing.SignerConfig(
        pkcs11_lib=env["COUNTER_TEST_PKCS11_LIB"], token_label=env["COUNTER_TEST_PKCS11_TOKEN"]
    )


def attached(core: Core, actor: Actor, code: str) -> attachments.AttachmentView:
    page = prepare(documents.stamped_page(200), profile("text"), "p", 200)
    return attachments.attach_pages(core, actor, code, "2", [page])


def test_sign_with_the_usb_token_and_check_it_three_ways(
    ready_core: Core, officer: Actor, dossier_code: str, softhsm: dict[str, str], tmp_path: Path
) -> None:
    view = attached(ready_core, officer, dossier_code)
    signed = attachments.sign(
        ready_core, officer, view.id, softhsm["COUNTER_TEST_PKCS11_PIN"], token(softhsm)
    )
    assert signed.signed_by == "Nguyễn Thị Lan" and signed.signed_at is not None
    assert signed.sha256 != view.sha256
    listed = attachments.list_attachments(ready_core, officer, dossier_code)
    assert listed[0].signed_by == "Nguyễn Thị Lan"
    _, data = attachments.read(ready_core, officer, signed.id)

    # 1. pyHanko's validator, trusting the test certificate.
    root = Path(softhsm["COUNTER_TEST_SIGNER_CERT"]).read_bytes()
    (info,) = signing.inspect(data, [root])
    assert info.intact and info.valid and info.trusted and info.covers_whole_file
    assert info.signer == "Nguyễn Thị Lan"
    # 2. Independent: the CMS signature over the ByteRange with asn1crypto + cryptography.
    check = check_last_signature(data)
    assert check.digest_matches and check.signature_valid and check.covers_whole_file
    assert check.signer == "Nguyễn Thị Lan"
    # 3. poppler's pdfsig, when installed (it is in .ci/dev's TEST_PKGS).
    if shutil.which("pdfsig"):
        path = tmp_path / "signed.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
        assert "Signature is Valid" in out.stdout
    # The unsigned PDF is kept byte for byte inside the signed one (incremental update).
    original = attachments.store_for(ready_core).get(view.sha256)
    assert data.startswith(original)
    assert all(r.ok for r in attachments.verify(ready_core, officer, dossier_code))


def test_a_changed_byte_breaks_the_signature(
    ready_core: Core, officer: Actor, dossier_code: str, softhsm: dict[str, str]
) -> None:
    view = attached(ready_core, officer, dossier_code)
    signed = attachments.sign(
        ready_core, officer, view.id, softhsm["COUNTER_TEST_PKCS11_PIN"], token(softhsm)
    )
    _, data = attachments.read(ready_core, officer, signed.id)
    forged = bytearray(data)
    at = data.index(b"/MaHoSo") + 10
    forged[at] = ord("9") if forged[at] != ord("9") else ord("8")
    (info,) = signing.inspect(bytes(forged))
    assert not info.intact
    assert not check_last_signature(bytes(forged)).digest_matches


def test_wrong_pin_changes_nothing_and_signing_twice_is_refused(
    ready_core: Core, officer: Actor, dossier_code: str, softhsm: dict[str, str]
) -> None:
    view = attached(ready_core, officer, dossier_code)
    files_before = sorted(attachments.store_for(ready_core).files())
    with pytest.raises(signing.SigningError) as err:
        attachments.sign(ready_core, officer, view.id, "0000", token(softhsm))
    assert err.value.code == "E_SIGN_PIN"
    (same,) = attachments.list_attachments(ready_core, officer, dossier_code)
    assert same.sha256 == view.sha256 and same.signed_by == ""
    assert sorted(attachments.store_for(ready_core).files()) == files_before
    attachments.sign(
        ready_core, officer, view.id, softhsm["COUNTER_TEST_PKCS11_PIN"], token(softhsm)
    )
    with pytest.raises(Exception) as again:
        attachments.sign(
            ready_core, officer, view.id, softhsm["COUNTER_TEST_PKCS11_PIN"], token(softhsm)
        )
    assert getattr(again.value, "code", "") == "E_ALREADY_SIGNED"


def test_a_token_that_is_not_there_is_a_clear_error(softhsm: dict[str, str]) -> None:
    data = b"%PDF-1.4"
    config = signing.SignerConfig(
        pkcs11_lib=softhsm["COUNTER_TEST_PKCS11_LIB"], token_label="khong-co"
    )
    with pytest.raises(signing.SigningError) as err:
        signing.sign(data, config, "1234")
    assert err.value.code == "E_SIGN_NO_TOKEN"
    with pytest.raises(Exception) as cfg:
        signing.sign(data, signing.SignerConfig(), "1234")
    assert getattr(cfg.value, "code", "") == "E_SIGN_NOT_CONFIGURED"


def test_sign_with_a_pkcs12_file(
    ready_core: Core, officer: Actor, dossier_code: str, softhsm: dict[str, str]
) -> None:
    config = signing.SignerConfig(pkcs12_file=softhsm["COUNTER_TEST_P12"])
    view = attached(ready_core, officer, dossier_code)
    with pytest.raises(signing.SigningError) as err:
        attachments.sign(ready_core, officer, view.id, "sai-mat-khau", config)
    assert err.value.code == "E_SIGN_PASSWORD"
    signed = attachments.sign(
        ready_core, officer, view.id, softhsm["COUNTER_TEST_P12_PASSWORD"], config
    )
    _, data = attachments.read(ready_core, officer, signed.id)
    check = check_last_signature(data)
    assert check.signature_valid and check.digest_matches

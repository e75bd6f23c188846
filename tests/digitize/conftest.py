"""Fixtures for digitization: a registered dossier, the SANE test device, a SoftHSM2 token."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.services.context import Actor, Core
from tests.support import factories

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def officer(ready_core: Core) -> Actor:
    return factories.clerk(ready_core)


@pytest.fixture
def dossier_code(ready_core: Core, officer: Actor) -> str:
    """Birth registration: component 2 (Giấy chứng sinh) must be digitized."""
    return factories.register(ready_core, officer).code


@pytest.fixture
def scanimage() -> str:
    path = shutil.which("scanimage")
    if path is None:
        pytest.skip("sane-utils is not installed (bash .ci/dev setup installs it)")
    return path


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real PKCS#11 token with a test key, made by the project's own script."""
    if shutil.which("softhsm2-util") is None or shutil.which("pkcs11-tool") is None:
        pytest.skip("softhsm2/opensc are not installed (bash .ci/dev setup installs them)")
    state = tmp_path_factory.mktemp("softhsm")
    out = subprocess.run(
        ["bash", str(ROOT / ".ci" / "softhsm")],
        capture_output=True,
        text=True,
        env={**os.environ, "COUNTER_SOFTHSM_DIR": str(state)},
        check=True,
        timeout=120,
    )
    env = {}
    for line in out.stdout.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value.strip("'")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = env["SOFTHSM2_CONF"]
    yield env
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous

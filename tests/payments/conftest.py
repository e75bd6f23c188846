"""Fee payments: an office with a fee-charging procedure and the agency's account configured."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the widget and dialog tests

import pytest

from counter_app.services.context import Actor, Core
from tests.support import factories

FEE_PROCEDURE = "2.000815"  # "Phí chứng thực bản sao": 2.000 đồng
BANK_BIN = "970405"
ACCOUNT = "3700201001234"
ACCOUNT_NAME = "UBND xã Thử Nghiệm"


@pytest.fixture
def pay_core(ready_core: Core) -> Core:
    p = ready_core.settings.payment
    p.bank_bin, p.account, p.account_name = BANK_BIN, ACCOUNT, ACCOUNT_NAME
    return ready_core


@pytest.fixture
def clerk(pay_core: Core) -> Actor:
    return factories.clerk(pay_core)


@pytest.fixture
def fee_code(pay_core: Core, clerk: Actor) -> str:
    """A dossier whose procedure charges 2.000 đồng."""
    return factories.register(pay_core, clerk, procedure=FEE_PROCEDURE).code


@pytest.fixture
def free_code(pay_core: Core, clerk: Actor) -> str:
    return factories.register(pay_core, clerk, procedure="1.001193", id_number="001090012346").code

"""TLS is always verified; a province with its own CA is trusted through `ca_bundle`."""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from counter_app.errors import ConfigError
from counter_app.services.context import Core
from sync import status
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from sync.transport import tls_context
from tests.support.factories import register
from tests.sync.provincial_server import ProvincialServer


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A province's own CA and a server certificate for localhost signed by it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("CA Sở TT&TT tỉnh Thử Nghiệm"))
        .issuer_name(_name("CA Sở TT&TT tỉnh Thử Nghiệm"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[ProvincialServer, Path]]:
    ca, cert, key = make_pki(tmp_path)
    with ProvincialServer(tls=(cert, key)) as server:
        yield server, ca


def _over_tls(province: AdapterConfig, url: str, ca_bundle: str) -> AdapterConfig:
    config = province.with_base_url(url)
    return dataclasses.replace(
        config, transport=dataclasses.replace(config.transport, ca_bundle=ca_bundle)
    )


def test_the_provinces_own_ca_is_trusted_when_configured(
    live_core: Core,
    tls_server: tuple[ProvincialServer, Path],
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    server, ca = tls_server
    reg = register(live_core)
    report = make_loop(live_core, _over_tls(province, server.url, str(ca))).cycle()
    assert report.sent == 1 and list(server.snapshot()["cases"]) == [reg.code]


def test_an_unknown_ca_is_refused_and_nothing_is_sent(
    live_core: Core,
    tls_server: tuple[ProvincialServer, Path],
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    server, _ = tls_server
    register(live_core)
    report = make_loop(live_core, _over_tls(province, server.url, "")).cycle()
    assert report.sent == 0 and report.retried == 1
    assert server.snapshot()["case_count"] == 0
    assert (
        "Chứng chỉ TLS của máy chủ tỉnh không được tin cậy" in status.snapshot(live_core).last_error
    )


def test_a_bad_ca_bundle_is_a_clear_configuration_error(tmp_path: Path) -> None:
    bad = tmp_path / "ca.pem"
    bad.write_text("không phải chứng chỉ")
    with pytest.raises(ConfigError) as err:
        tls_context(str(bad))
    assert err.value.code == "E_SYNC_CA_BUNDLE"

"""An independent check of a PDF signature, without pyHanko: the CMS over the ByteRange,
verified with asn1crypto (parsing) and cryptography (the RSA/ECDSA maths)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


@dataclass(frozen=True)
class CmsCheck:
    signer: str
    digest_matches: bool
    signature_valid: bool
    covers_whole_file: bool


def check_last_signature(pdf: bytes) -> CmsCheck:
    a, b, c, d = (int(x) for x in _RANGE.findall(pdf)[-1])
    signed = pdf[a : a + b] + pdf[c : c + d]
    hex_contents = pdf[a + b : c].strip().strip(b"<>")
    der = bytes.fromhex(hex_contents.decode("ascii"))
    info = cms.ContentInfo.load(der.rstrip(b"\x00") + b"\x00\x00", strict=False)
    data = info["content"]
    signer = data["signer_infos"][0]
    algo = signer["digest_algorithm"]["algorithm"].native
    digest = hashlib.new(algo, signed).digest()
    attrs = {a["type"].native: a["values"][0].native for a in signer["signed_attrs"]}
    sid = signer["sid"].chosen
    cert = next(
        c.chosen
        for c in data["certificates"]
        if c.chosen.serial_number == sid["serial_number"].native
    )
    public_key = x509.load_der_x509_certificate(cert.dump()).public_key()
    # The signature covers the signed attributes encoded as a SET OF (tag 0x31), not [0].
    to_verify = b"\x31" + signer["signed_attrs"].dump()[1:]
    hash_algo = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[
        algo
    ]
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signer["signature"].native, to_verify, padding.PKCS1v15(), hash_algo)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signer["signature"].native, to_verify, ec.ECDSA(hash_algo))
        else:
            raise AssertionError(f"unexpected key type {type(public_key)}")
        valid = True
    except Exception:
        valid = False
    return CmsCheck(
        signer=str(cert.subject.native.get("common_name", "")),
        digest_matches=attrs.get("message_digest") == digest,
        signature_valid=valid,
        covers_whole_file=a == 0 and c + d == len(pdf),
    )

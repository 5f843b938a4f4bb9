"""``exportMeterValues``: the meter values as CMS SignedData around profile_generic XML.

Shape per PPC_HAN.md §4 ([PY], [TR] cms fixture, [CX]): ``ns1:object class_id="7"`` in
``urn:k461-dke-de:profile_generic-1``, capture objects with the logical name
``<obis>.<meter>.sm``, and per column ``ns2:entry_gateway_signed`` entries with value
(long64, 0.1 Wh), scaler -1, unit 30 (Wh), status (0 ok, 4 invalid), capture_time in UTC and
a gateway signature. The signer is the simulator's own demo key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from lxml import etree

from trudi_py.simulator.ppc.data import PpcLogRow, PpcRow, obis_hex

NS1 = "urn:k461-dke-de:profile_generic-1"
NS2 = "urn:k461-dke-de:extension-1"


def make_signer(smgw_id: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """The demo signing certificate and key of the simulated gateway (P-256)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{smgw_id}.sig (simulated)")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return cert, key


def _sub(parent: etree._Element, ns: str, tag: str, text: object | None = None,
         **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        node.text = str(text)
    return node


def values_xml(rows_by_obis: Mapping[str, Sequence[PpcRow]], meter_id: str) -> bytes:
    """The profile_generic XML of the given rows (oldest first per column)."""
    root = etree.Element(f"{{{NS1}}}object", {"class_id": "7"}, nsmap={"ns1": NS1, "ns2": NS2})
    attributes = _sub(root, NS1, "attributes")
    objects = _sub(attributes, NS1, "capture_objects")
    data = _sub(_sub(attributes, NS1, "buffer"), NS1, "simple_data")
    for n, (obis, rows) in enumerate(sorted(rows_by_obis.items()), start=1):
        capture = _sub(objects, NS1, "capture_object", id=str(n))
        _sub(capture, NS1, "logical_name", f"{obis_hex(obis)}.{meter_id}.sm")
        column = _sub(data, NS1, "column", id=str(n))
        for row in rows:
            entry = _sub(column, NS2, "entry_gateway_signed")
            _sub(_sub(entry, NS2, "value"), NS2, "long64", row.raw)
            _sub(entry, NS2, "scaler", -1)
            _sub(entry, NS2, "unit", 30)
            _sub(_sub(entry, NS2, "status"), NS2, "unsigned", 0 if row.valid == 1 else 4)
            stamp = (row.target + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            _sub(entry, NS2, "capture_time", stamp)
            digest = hashlib.sha256(f"{obis}|{stamp}|{row.raw}".encode()).hexdigest()
            _sub(entry, NS2, "smgw_signature", digest * 2)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def sign(xml: bytes, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bytes:
    """CMS SignedData (DER) with ``xml`` as the included content."""
    return (pkcs7.PKCS7SignatureBuilder().set_data(xml)
            .add_signer(cert, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))


def log_xml(rows: Sequence[PpcLogRow], smgw_id: str, first_record: int = 1) -> bytes:
    """``exportLogData``: profile_generic XML with ``buffer/logbook/entry`` elements
    (PPC_HAN.md §4, [TR] log_parser); the message text is an XML comment."""
    root = etree.Element(f"{{{NS1}}}object", {"class_id": "7"}, nsmap={"ns1": NS1, "ns2": NS2})
    attributes = _sub(root, NS1, "attributes")
    _sub(attributes, NS1, "logical_name", f"0000636203ff.{smgw_id.lower()}.sm")
    book = _sub(_sub(attributes, NS1, "buffer"), NS1, "logbook")
    for n, row in enumerate(rows, start=first_record):
        entry = _sub(book, NS1, "entry")
        _sub(entry, NS1, "record_number", n)
        event = _sub(entry, NS1, "event")
        _sub(event, NS1, "timestamp", row.time.strftime("%Y-%m-%dT%H:%M:%SZ"))
        _sub(event, NS1, "level", row.level)
        _sub(_sub(event, NS1, "type"), NS1, "event_id", row.log_id)
        _sub(event, NS1, "outcome", row.outcome)
        extensions = _sub(event, NS1, "message_extensions")
        extensions.append(etree.Comment(f" {row.text} "))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def profile_xml(name: str, pairs: Sequence[tuple[str, str]], smgw_id: str) -> bytes:
    """``exportTariffProfile`` / ``exportCommProfile``: their XML is a GUESS of the facts
    sheet; the simulator signs a small container of the profile's label/value rows."""
    root = etree.Element(f"{{{NS1}}}object", {"class_id": "profile"}, nsmap={"ns1": NS1})
    _sub(root, NS1, "logical_name", f"{name}.{smgw_id.lower()}.sm")
    for label, value in pairs:
        _sub(root, NS1, "entry", value, label=label)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")

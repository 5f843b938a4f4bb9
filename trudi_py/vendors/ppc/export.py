"""The portal's CMS exports (``exportMeterValues``): container kept byte-exact, XML read.

The container is CMS SignedData around profile_generic XML (PPC_HAN.md §4). Here it is only
unpacked and read; whether its signature holds is for :mod:`trudi_py.verify` to say, so
:class:`PpcExport` makes no claim about it. Elements are found by local name, so either
namespace prefix works; the XML parser resolves no entities and loads nothing from outside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from asn1crypto import cms  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from trudi_py.errors import MalformedAnswer
from trudi_py.model.readings import ChannelReadings
from trudi_py.model.units import split_qualified_obis
from trudi_py.vendors.ppc.mapping import PpcValue, to_channels

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=False)


@dataclass
class PpcExport:
    """One export: the container as received, the file name the portal gave, the values."""

    container: bytes  # byte-exact, for the archive
    filename: str
    channels: list[ChannelReadings] = field(default_factory=list)
    not_valid: list[PpcValue] = field(default_factory=list)


def _bad(what: str, was: str) -> MalformedAnswer:
    return MalformedAnswer(f"The meter-value export is not readable: {what}.",
                           f"Der Export der Zählerwerte ist nicht lesbar: {was}.", field="export")


def signed_content(container: bytes) -> bytes:
    """The XML inside a CMS SignedData container."""
    try:
        info = cms.ContentInfo.load(container)
        if info["content_type"].native != "signed_data":
            raise _bad("not CMS signed data", "keine CMS-Signatur-Datei")
        content = info["content"]["encap_content_info"]["content"].native
    except (ValueError, TypeError, KeyError):
        raise _bad("not a CMS container", "kein CMS-Container") from None
    if not isinstance(content, bytes):
        raise _bad("no embedded content", "kein eingebetteter Inhalt")
    return content


def _one(node: etree._Element, name: str) -> str:
    found = node.xpath(f".//*[local-name()='{name}']")
    if not found or found[0].text is None:
        raise _bad(f"element {name} missing", f"Element {name} fehlt")
    return str(found[0].text).strip()


def _raw(value: str, scaler: str, unit: str) -> int:
    """value × 10^scaler Wh → 0.1 Wh exactly (unit 30 = Wh); refuses what does not fit."""
    try:
        number, exponent = int(value), int(scaler) + 1
    except ValueError:
        raise _bad("a value is not an integer", "ein Wert ist keine ganze Zahl") from None
    if unit != "30" or not -10 <= exponent <= 10:
        raise _bad(f"unit {unit} scaler {scaler}", f"Einheit {unit} Skalierung {scaler}")
    if exponent >= 0:
        return number * 10 ** exponent
    if number % 10 ** -exponent:
        raise _bad("a value is finer than 0.1 Wh", "ein Wert ist feiner als 0,1 Wh")
    return number // 10 ** -exponent


def parse_export(container: bytes, filename: str, owner: str) -> PpcExport:
    """Read the values of an export (times in the XML are UTC)."""
    try:
        root = etree.fromstring(signed_content(container), _PARSER)
    except etree.XMLSyntaxError:
        raise _bad("the XML is damaged", "das XML ist beschädigt") from None
    names = {o.get("id"): _one(o, "logical_name")
             for o in root.xpath("//*[local-name()='capture_object']")}
    values: list[PpcValue] = []
    meter = ""
    for column in root.xpath("//*[local-name()='column']"):
        name = names.get(column.get("id"))
        if name is None:
            raise _bad("a column has no capture object", "eine Spalte hat kein Capture-Objekt")
        obis, meter = split_qualified_obis(name)
        for entry in column.xpath("./*[local-name()='entry_gateway_signed']"):
            stamp = _one(entry, "capture_time")
            try:
                utc = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            except ValueError:
                raise _bad(f"time {stamp!r}", f"Zeit {stamp!r}") from None
            status = _one(entry, "unsigned")
            values.append(PpcValue(stamp, utc, obis, _raw(_one(entry, "long64"),
                                                          _one(entry, "scaler"),
                                                          _one(entry, "unit")),
                                   1 if status == "0" else 2))
    return PpcExport(container, filename, to_channels(values, meter, owner),
                     [v for v in values if v.valid != 1])

"""The portal's CMS exports (``exportMeterValues``): container kept byte-exact, XML read.

The container is CMS SignedData around profile_generic XML (PPC_HAN.md §4). Here it is only
unpacked and read; whether its signature holds is for :mod:`trudi_py.verify` to say, so
:class:`PpcExport` makes no claim about it. Elements are found by local name, so either
namespace prefix works; the XML parser resolves no entities and loads nothing from outside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from asn1crypto import cms
from lxml import etree

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import Message, msg
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


def _bad(what: Message) -> MalformedAnswer:
    return MalformedAnswer(msg("The meter-value export is not readable: {what}.", what=what),
                           field="export")


def signed_content(container: bytes) -> bytes:
    """The XML inside a CMS SignedData container."""
    try:
        info = cms.ContentInfo.load(container)
        if info["content_type"].native != "signed_data":
            raise _bad(msg("not CMS signed data"))
        content = info["content"]["encap_content_info"]["content"].native
    except (ValueError, TypeError, KeyError):
        raise _bad(msg("not a CMS container")) from None
    if not isinstance(content, bytes):
        raise _bad(msg("no embedded content"))
    return content


def _one(node: etree._Element, name: str) -> str:
    found = node.xpath(f".//*[local-name()='{name}']")
    if not found or found[0].text is None:
        raise _bad(msg("element {name} missing", name=name))
    return str(found[0].text).strip()


def _raw(value: str, scaler: str, unit: str) -> int:
    """value × 10^scaler Wh → 0.1 Wh exactly (unit 30 = Wh); refuses what does not fit."""
    try:
        number, exponent = int(value), int(scaler) + 1
    except ValueError:
        raise _bad(msg("a value is not an integer")) from None
    if unit != "30" or not -10 <= exponent <= 10:
        raise _bad(msg("unit {unit} scaler {scaler}", unit=unit, scaler=scaler))
    if exponent >= 0:
        return number * 10 ** exponent
    if number % 10 ** -exponent:
        raise _bad(msg("a value is finer than 0.1 Wh"))
    return number // 10 ** -exponent


def parse_export(container: bytes, filename: str, owner: str) -> PpcExport:
    """Read the values of an export (times in the XML are UTC)."""
    try:
        root = etree.fromstring(signed_content(container), _PARSER)
    except etree.XMLSyntaxError:
        raise _bad(msg("the XML is damaged")) from None
    names = {o.get("id"): _one(o, "logical_name")
             for o in root.xpath("//*[local-name()='capture_object']")}
    values: list[PpcValue] = []
    meter = ""
    for column in root.xpath("//*[local-name()='column']"):
        name = names.get(column.get("id"))
        if name is None:
            raise _bad(msg("a column has no capture object"))
        obis, meter = split_qualified_obis(name)
        for entry in column.xpath("./*[local-name()='entry_gateway_signed']"):
            stamp = _one(entry, "capture_time")
            try:
                utc = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            except ValueError:
                raise _bad(msg("time {stamp!r}", stamp=stamp)) from None
            status = _one(entry, "unsigned")
            values.append(PpcValue(stamp, utc, obis, _raw(_one(entry, "long64"),
                                                          _one(entry, "scaler"),
                                                          _one(entry, "unit")),
                                   1 if status == "0" else 2))
    return PpcExport(container, filename, to_channels(values, meter, owner),
                     [v for v in values if v.valid != 1])

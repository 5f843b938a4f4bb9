"""XSD validation of AR 2418-6 files (verify.md §D.2 finding ``schema``), fully offline.

TRuDI's GUI validates both files against ``AR_2418-6.xsd`` before computing; its adapters
(our reference) compute without it. We report the first violation as a warning, which helps a
user understand a bad file, and never refuse because of it.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from lxml import etree

from trudi_py.i18n import msg
from trudi_py.verify.result import Finding

SCHEMA_DIR = Path(__file__).resolve().parent / "schemata"
_LOCK = threading.Lock()


class _LocalSchemas(etree.Resolver):
    """Maps every schema location (also ``http://www.w3.org/2001/03/xml.xsd``) to our copy."""

    def resolve(self, url: str, pubid: str, context: object) -> object:
        local = SCHEMA_DIR / url.rsplit("/", 1)[-1]
        if local.is_file():
            return self.resolve_filename(str(local), context)
        return None


def _safe_parser() -> etree.XMLParser:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    parser.resolvers.add(_LocalSchemas())
    return parser


@functools.lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "AR_2418-6.xsd"), _safe_parser()))


def schema_finding(xml: bytes, which: str) -> Finding | None:
    """A ``schema`` warning naming the first violation (with its line), or None when valid.

    ``which`` is "device" or "supplier". A file that is not even well-formed XML is left to
    the parser, which refuses it with its own message.
    """
    try:
        document = etree.fromstring(xml, _safe_parser())
    except etree.XMLSyntaxError:
        return None
    file = msg("device file") if which == "device" else msg("supplier file")
    with _LOCK:  # an XMLSchema object is not safe for concurrent use
        schema = _schema()
        try:
            if schema.validate(document):
                return None
        except etree.Error as exc:  # e.g. an unresolved entity (XXE attempt) in the tree
            return Finding("warning", "schema",
                           msg("The {file} cannot be validated against AR_2418-6.xsd ({exc}; "
                               "entities and DTDs are never loaded).", file=file, exc=exc))
        error = schema.error_log.last_error if len(schema.error_log) == 0 else \
            schema.error_log[0]
    line = getattr(error, "line", 0)
    message = getattr(error, "message", str(error))
    return Finding("warning", "schema",
                   msg("The {file} does not validate against AR_2418-6.xsd (line {line}: "
                       "{message}).", file=file, line=line, message=message))

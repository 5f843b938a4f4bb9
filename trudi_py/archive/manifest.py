"""The archive format's names and constants (archive.md, format 1), in one place.

The writer (:mod:`~trudi_py.archive.writer`, :mod:`~trudi_py.archive.assemble`, the archive
job) and the integrity check (:mod:`~trudi_py.archive.integrity`) both take member names,
the format marker and the hash format from here, so they cannot drift apart.
"""

from __future__ import annotations

import hashlib
from typing import Any

from trudi_py.archive.rawlog import META_NAME, RAW_NAME, safe_segment

FORMAT = "trudi-py-archive"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
SMGW_INFO = "smgw-info.json"
USER_INFO = "user-info.json"
LOGBOOK = "logbook.csv"
REPORT = "report.html"
HAN_CERTIFICATE = "certificates/han-tls.pem"
EXCEL_PREFIX = "excel/"

#: The digest of every ``files`` entry: ``{"path", "bytes", "sha256": <lower-case hex>}``.
HASH_NAME = "sha256"

__all__ = ["EXCEL_PREFIX", "FORMAT", "FORMAT_VERSION", "HAN_CERTIFICATE", "HASH_NAME",
           "LOGBOOK", "MANIFEST", "META_NAME", "RAW_NAME", "REPORT", "SMGW_INFO", "USER_INFO",
           "file_entry", "is_format_1", "new_digest", "readings_member", "taf_profile_member",
           "usage_point_member", "wan_member"]


def new_digest() -> Any:
    """A fresh hash object of the kind the manifest's ``files`` entries name."""
    return hashlib.new(HASH_NAME)


def file_entry(path: str, size: int, digest_hex: str) -> dict[str, Any]:
    """One entry of the manifest's ``files`` list."""
    return {"path": path, "bytes": size, HASH_NAME: digest_hex}


def is_format_1(manifest: dict[str, Any]) -> bool:
    """Whether a manifest declares this format (marker and version)."""
    return manifest.get("format") == FORMAT and manifest.get("format-version") == FORMAT_VERSION


def usage_point_member(usage_point_id: str) -> str:
    """``usage-points/<usage-point-id>.json``: the parsed usage-point-info."""
    return f"usage-points/{safe_segment(usage_point_id)}.json"


def taf_profile_member(usage_point_id: str) -> str:
    """``taf-profiles/<usage-point-id>.p7s``: the CMS container of the TAF profile."""
    return f"taf-profiles/{safe_segment(usage_point_id)}.p7s"


def readings_member(usage_point_id: str, database: str) -> str:
    """``readings/<usage-point-id>/<database>.csv``."""
    return f"readings/{safe_segment(usage_point_id)}/{safe_segment(database)}.csv"


def wan_member(cert_index: str, kind: str) -> str:
    """``certificates/wan-<cert-index>-<kind>.der`` (``kind``: ``sig`` or ``sub-ca``)."""
    return f"certificates/wan-{safe_segment(cert_index)}-{kind}.der"

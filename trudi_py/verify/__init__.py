"""trudi_py.verify — the transparency function (TAF-1/TAF-2 as TRuDI computes them).

Public API::

    verify_transparency(device_xml: bytes, supplier_xml: bytes) -> TransparencyResult
        raises CannotCompute (exit 8, partial result in ``exc.result``) or InvalidDocument (exit 2)
    evaluate_transparency(device_xml, supplier_xml) -> TransparencyResult   (refusal in .refusal)
    compute_transparency(lists, profile, findings=()) -> TransparencyResult (source-independent)
    render_text(result, lang="en") -> str
    result.to_json() -> str                                                  (verify.md §E.2)
"""

from trudi_py.verify.ar2418 import (
                                    DeviceFile,
                                    InvalidDocument,
                                    SupplierFile,
                                    parse_device,
                                    parse_supplier,
)
from trudi_py.verify.inputs import (
                                    AnalysisProfile,
                                    DayProfile,
                                    IntervalBlock,
                                    IntervalReading,
                                    Slot,
                                    SpecialDay,
                                    TariffStage,
                                    ValueList,
)
from trudi_py.verify.result import Finding, RegisterResult, TransparencyResult
from trudi_py.verify.taf1 import compute_taf1
from trudi_py.verify.taf2 import compute_taf2
from trudi_py.verify.text import render_text
from trudi_py.verify.transparency import (
                                    compute_transparency,
                                    evaluate_transparency,
                                    verify_transparency,
)

__all__ = [
    "AnalysisProfile", "DayProfile", "DeviceFile", "Finding", "IntervalBlock", "InvalidDocument",
    "IntervalReading", "RegisterResult", "Slot", "SpecialDay", "SupplierFile", "TariffStage",
    "TransparencyResult", "ValueList", "compute_taf1", "compute_taf2", "compute_transparency",
    "evaluate_transparency", "parse_device", "parse_supplier", "render_text",
    "verify_transparency",
]

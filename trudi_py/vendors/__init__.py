"""Gateway vendors other than the CONEXA's IF_GW_CON (which lives in :mod:`trudi_py.m2m`).

Each subpackage speaks one vendor's HAN interface and maps it onto :mod:`trudi_py.model`;
:func:`detect.vendor_from_gateway_id` picks the vendor from the gateway id.
"""

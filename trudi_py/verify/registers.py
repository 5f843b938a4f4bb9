"""Billing registers: creation (verify.md §C.1, §D.1) and booking of amounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trudi_py.errors import CannotCompute
from trudi_py.i18n import msg
from trudi_py.verify.inputs import TariffStage, obis_group

ERROR_TARIFF = 63


@dataclass
class Register:
    """A register being summed: OBIS (lower-case hex), tariff number, group C, raw amount."""

    obis: str
    tariff: int
    c: int
    amount: int = 0


def obis_c(obis: str) -> int:
    """OBIS group C of a stage; a non-hex code is a TRuDI crash (calculation-undefined)."""
    try:
        return obis_group(obis, 2)
    except ValueError:
        raise undefined(f"the tariff stage OBIS code {obis!r} is not hexadecimal") from None


def _with_e63(obis: str) -> str:
    return obis[:8] + "3f" + obis[10:]


def build_registers(stages: Sequence[TariffStage], *, error_registers: bool) -> list[Register]:
    """One register per stage in file order, plus the error registers of §C.1 (TAF-2)."""
    regs = [Register(s.obis.strip().lower(), s.tariff_number, obis_c(s.obis)) for s in stages]
    if not error_registers:
        return regs
    own = [r for r in regs if obis_group(r.obis, 4) == ERROR_TARIFF]
    if own:
        for reg in own:
            reg.tariff = ERROR_TARIFF
        return regs
    first, second, counter = True, True, 2
    for reg in list(regs):
        if first and reg.c == 1:
            first = False
        elif second and reg.c == 2:
            second = False
        elif reg.c not in (1, 2) and reg.c > counter:
            counter += 1
        else:
            continue
        regs.append(Register(_with_e63(reg.obis), ERROR_TARIFF, reg.c))
    return regs


def book(registers: list[Register], tariff: int, c: int | None, amount: int) -> None:
    """Add an amount to the first register with that tariff (and group C, unless None)."""
    for reg in registers:
        if reg.tariff == tariff and (c is None or reg.c == c):
            reg.amount += amount
            return
    where = f"tariff {tariff}" + (f" and OBIS group C = {c}" if c is not None else "")
    raise undefined(f"no register for {where}")


def undefined(situation: str) -> CannotCompute:
    """The ``calculation-undefined`` refusal (TRuDI fails with an internal error)."""
    return CannotCompute(
        "calculation-undefined",
        msg("TRuDI defines no result for this input: {situation}.", situation=situation))

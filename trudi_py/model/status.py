"""FNN status words (gateway word + meter word) and their PTB status (verify.md §B).

The FNN transmits each 32-bit word least significant bit first: to read bit n, reverse the
bit order of the 8 hex digits taken as a 32-bit number.
"""

from __future__ import annotations

from dataclasses import dataclass

GATEWAY_FLAGS: dict[int, str] = {
    0x2: "transparency",
    0x100: "fatal-error",
    0x200: "system-time-invalid",
    0x1000: "ptb-warning",
    0x2000: "ptb-temporary-error-signed-invalid",
    0x4000: "ptb-temporary-error-invalid",
}
METER_FLAGS: dict[int, str] = {
    0x100: "start-up",
    0x200: "magnetic-influence",
    0x400: "manipulation",
    0x800: "energy-direction-negative",
    0x1000: "l1-direction-negative",
    0x2000: "l2-direction-negative",
    0x4000: "l3-direction-negative",
    0x8000: "phase-sequence-wrong",
    0x10000: "backstop-active",
    0x20000: "fatal-error",
    0x40000: "voltage-l1",
    0x80000: "voltage-l2",
    0x100000: "voltage-l3",
}
#: Meter flags that are normal operation, not worth a highlight (negative energy direction
#: is what a meter shows while a PV system feeds in).
BENIGN_METER_FLAGS = frozenset({"voltage-l1", "voltage-l2", "voltage-l3", "start-up",
                                "energy-direction-negative", "l1-direction-negative",
                                "l2-direction-negative", "l3-direction-negative"})

def reverse32(word: int) -> int:
    """Reverse the bit order of a 32-bit number (FNN order ↔ ordinary)."""
    return int(f"{word & 0xFFFFFFFF:032b}"[::-1], 2)


@dataclass(frozen=True)
class StatusWord:
    """A decoded 16-hex-digit ``cosem-status`` (or the two halves sent separately)."""

    gateway: int  # after bit reversal
    meter: int  # after bit reversal

    @classmethod
    def parse(cls, cosem_status: str) -> StatusWord:
        """From the 16 hex digits of ``cosem-status`` (left-padded with 0 when shorter)."""
        digits = cosem_status.strip().rjust(16, "0")
        if len(digits) != 16:
            raise ValueError(f"status word too long: {cosem_status!r}")
        return cls(reverse32(int(digits[:8], 16)), reverse32(int(digits[8:], 16)))

    def render(self) -> str:
        """Back to the 16 upper-case hex digits of the FNN transmission."""
        return f"{reverse32(self.gateway):08X}{reverse32(self.meter):08X}"

    @property
    def well_formed(self) -> bool:
        """Both identification patterns present (gateway 0x5, meter 0x4)."""
        return (self.gateway & 0x5) == 0x5 and (self.meter & 0x4) == 0x4

    @property
    def ptb(self) -> int:
        """The PTB status 0…4 (first rule that applies, verify.md §B.2)."""
        if self.meter & 0x20000 or self.gateway & 0x100:
            return 4
        if self.gateway & (0x200 | 0x4000) or self.meter & (0x400 | 0x200):
            return 3
        if self.gateway & 0x2000:
            return 2
        if self.gateway & 0x1000:
            return 1
        return 0

    @property
    def flags(self) -> list[str]:
        """Names of all set flags, gateway flags prefixed ``smgw:``, meter flags ``meter:``."""
        names = [f"smgw:{n}" for bit, n in GATEWAY_FLAGS.items() if self.gateway & bit]
        names += [f"meter:{n}" for bit, n in METER_FLAGS.items() if self.meter & bit]
        return names

    @property
    def notable_flags(self) -> list[str]:
        """Flags a user should notice (everything but identification, voltages, start-up)."""
        return [f for f in self.flags
                if f.split(":", 1)[1] not in BENIGN_METER_FLAGS and f != "smgw:transparency"]


def ptb_status(cosem_status: str) -> int:
    """PTB status 0…4 of a ``cosem-status``; an unreadable word counts as critical (3)."""
    try:
        return StatusWord.parse(cosem_status).ptb
    except ValueError:
        return 3

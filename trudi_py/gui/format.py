"""Numbers and names as a household reads them (kWh with grouping, words instead of codes).

Number formatting is exact (``Decimal``) and language-aware: German ``18.292,44 kWh``,
English ``18,292.44 kWh``. Names come through Qt's translation (context ``Words``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication as QCA

from trudi_py.gui import i18n
from trudi_py.model.units import Obis


def _lang(lang: str | None) -> str:
    return lang or i18n.current_language()


def number_text(value: Decimal | int | float, places: int = 0, lang: str | None = None) -> str:
    """``12345.678`` → ``12.345,68`` (de) / ``12,345.68`` (en); rounded half up."""
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        quant = Decimal(1).scaleb(-places)
        number = number.quantize(quant, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    text = f"{number:,.{places}f}"
    if _lang(lang) == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def count_text(n: int, lang: str | None = None) -> str:
    """``165465`` → ``165.465`` (de) / ``165,465`` (en)."""
    return number_text(n, 0, lang)


def energy_text(wh: Decimal | int | float, lang: str | None = None) -> str:
    """Energy in kWh with two decimals: ``18292437.5`` Wh → ``18.292,44 kWh``."""
    return number_text(Decimal(str(wh)) / 1000, 2, lang) + " kWh"


def power_text(w: Decimal | int | float, lang: str | None = None) -> str:
    """Power: ``850 W`` below 1 kW, ``1,25 kW`` from there on."""
    value = Decimal(str(w))
    if abs(value) < 1000:
        return number_text(value, 0, lang) + " W"
    return number_text(value / 1000, 2, lang) + " kW"


def size_text(n_bytes: int, lang: str | None = None) -> str:
    """``17700000`` → ``17,7 MB`` (decimal units, as file managers show them)."""
    for factor, unit in ((10 ** 9, "GB"), (10 ** 6, "MB"), (10 ** 3, "kB")):
        if n_bytes >= factor:
            return number_text(Decimal(n_bytes) / factor, 1, lang) + " " + unit
    return number_text(n_bytes, 0, lang) + " B"


def physical_text(value: Decimal, unit: str, lang: str | None = None) -> str:
    """A measured value with its unit: Wh as kWh, W as W/kW, anything else grouped."""
    if unit == "Wh":
        return energy_text(value, lang)
    if unit == "W":
        return power_text(value, lang)
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return (number_text(value, min(places, 3), lang) + " " + unit).strip()


# -- names instead of codes ------------------------------------------------------------------

def obis_short(obis: str) -> str:
    """``0100010800ff`` → ``1.8.0`` (the text unchanged if it is no OBIS code)."""
    try:
        return Obis.parse(obis).short
    except ValueError:
        return obis


def register_name(obis: str, tariff_names: dict[int, str] | None = None) -> str:
    """A register in words: ``1.8.0`` → "Bezug gesamt", ``1.8.1`` → "Bezug Tarif 1 (NT)"."""
    short = obis_short(obis)
    parts = short.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return short
    c, d, e = (int(p) for p in parts)
    if d == 8 and c in (1, 2):
        what = (QCA.translate("Words", "Consumption") if c == 1
                else QCA.translate("Words", "Feed-in"))
        if e == 0:
            return QCA.translate("Words", "{0} total").format(what)
        if e == 63:
            return QCA.translate("Words", "{0} error register").format(what)
        name = QCA.translate("Words", "{0} tariff {1}").format(what, e)
        extra = (tariff_names or {}).get(e)
        return f"{name} ({extra})" if extra else name
    if d == 7 and c in (1, 2, 16):
        return QCA.translate("Words", "Power")
    return QCA.translate("Words", "Register {0}").format(short)


def register_tooltip(obis: str) -> str:
    """The raw code and, for the error register, what it means."""
    short = obis_short(obis)
    text = QCA.translate("Words", "OBIS code {0} ({1})").format(short, obis)
    if short.endswith(".63"):
        text += "\n" + QCA.translate(
            "Words", "Error register: energy the gateway could not assign to a tariff "
                     "(e.g. while its clock was invalid). It is billed separately.")
    return text


def database_name(name: str) -> str:
    """A readings database in words (the code stays in the tooltip)."""
    return {"origin": QCA.translate("Words", "Original values (15 minutes)"),
            "derived": QCA.translate("Words", "Derived registers"),
            "calculated": QCA.translate("Words", "Tariff registers (time-variable)"),
            "daily": QCA.translate("Words", "Daily values")}.get(name, name)


# -- logbook levels ----------------------------------------------------------------------------

#: severity classes, worst first, with their row colours (background)
SEVERITY_COLORS = {"critical": "#f8c4c9", "error": "#fde7e9", "warning": "#fff4ce",
                   "notice": "", "info": ""}


def level_scale(levels: list[str]) -> str:
    """``syslog`` (0 emergency … 7 debug) or ``description`` (1 informational … 4 alert).

    The interface description's table uses 1–4, real gateways the syslog scale: a logbook
    with any 0 or any value above 4 is syslog; one with only 1–4 follows the description.
    """
    numbers = [int(x) for x in levels if x.strip().isdigit()]
    if not numbers:
        return "syslog"
    return "syslog" if min(numbers) == 0 or max(numbers) > 4 else "description"


def level_severity(level: str, scale: str) -> str | None:
    """``critical``/``error``/``warning``/``notice``/``info`` or None when unreadable."""
    if not level.strip().isdigit():
        return None
    n = int(level)
    if scale == "description":
        return {1: "info", 2: "warning", 3: "error", 4: "critical"}.get(n)
    if n <= 2:
        return "critical"
    return {3: "error", 4: "warning", 5: "notice", 6: "info", 7: "info"}.get(n)


def severity_word(severity: str | None) -> str:
    """A severity class as a word in the UI language ("Warnung", "Fehler" …)."""
    return {"critical": QCA.translate("Words", "Severe fault"),
            "error": QCA.translate("Words", "Error"),
            "warning": QCA.translate("Words", "Warning"),
            "notice": QCA.translate("Words", "Notice"),
            "info": QCA.translate("Words", "Information")}.get(
        severity or "", QCA.translate("Words", "Unknown"))


# -- operating states ---------------------------------------------------------------------------

def state_name(official: str) -> str:
    """An operating state in the UI language with the official name in brackets."""
    words = {"Normal operation": QCA.translate("Words", "Normal operation"),
             "Secure State Boot": QCA.translate("Words", "Safe state at start"),
             "Secure State Application": QCA.translate("Words", "Safe state of the functions"),
             "Secure State Connectivity": QCA.translate("Words", "Safe state of the ports"),
             "Secure State Measurement": QCA.translate("Words", "Safe state of measuring"),
             "Cyclic reboot": QCA.translate("Words", "Restarting again and again")}
    word = words.get(official)
    if word is None or word == official:
        return official
    return f"{word} ({official})"


# -- logbook events ---------------------------------------------------------------------------

#: (words that all occur in the lower-case message, kind of event) — first match wins; the
#: event numbers are the manufacturer's and not documented, the German message is
_EVENT_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("selbsttest",), "selftest"), (("self-test",), "selftest"),
    (("firmware-update",), "firmware"), (("firmware", "update"), "firmware"),
    (("gestartet",), "start"), (("started",), "start"),
    (("in betrieb genommen",), "commissioning"),
    (("systemzeit",), "clock"), (("uhrzeit",), "clock"), (("system time",), "clock"),
    (("messwerte", "übertragen"), "sent"), (("values", "sent"), "sent"),
    (("abrechnungsperiode",), "billing"), (("billing period",), "billing"),
    (("han-schnittstelle", "angemeldet"), "login"), (("logged in",), "login"),
    (("zähler",), "meter"), (("meter",), "meter"),
    (("sonderfunktion",), "special"),
)


def event_kind(key: str, message: str) -> str:
    """The kind of a logbook event (``selftest``, ``clock``, …; ``other`` if unknown)."""
    if key == "THE.19013.0":  # named by the handbook: the active special functions
        return "special"
    text = message.lower()
    return next((kind for words, kind in _EVENT_KINDS if all(w in text for w in words)),
                "other")


def event_word(key: str, message: str) -> str:
    """A logbook event in words ("Selbsttest", "Uhrzeit"); the code is a tooltip."""
    return {"special": QCA.translate("Words", "Active special functions"),
            "selftest": QCA.translate("Words", "Self-test"),
            "firmware": QCA.translate("Words", "Firmware update"),
            "start": QCA.translate("Words", "Gateway started"),
            "commissioning": QCA.translate("Words", "Put into service"),
            "clock": QCA.translate("Words", "Clock"),
            "sent": QCA.translate("Words", "Values sent to supplier"),
            "billing": QCA.translate("Words", "Billing period closed"),
            "login": QCA.translate("Words", "Login at the HAN port"),
            "meter": QCA.translate("Words", "Meter connection"),
            }.get(event_kind(key, message), QCA.translate("Words", "Other event"))

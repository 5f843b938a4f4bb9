"""Help / glossary: the technical terms the pages still use, in plain words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication as QCA
from PySide6.QtWidgets import QTextBrowser, QWidget

from trudi_py.gui.widgets import html_escape, page_layout


def glossary() -> list[tuple[str, str]]:
    """(term, explanation), in the order a household meets them."""
    return [
        (QCA.translate("Glossary", "Smart Meter Gateway (SMGW)"),
         QCA.translate("Glossary",
                       "The communication unit next to your electricity meter. It collects the "
                       "meter's values, signs them and sends them to your supplier and meter "
                       "operator. You read your own values from it over the HAN port.")),
        (QCA.translate("Glossary", "HAN port"),
         QCA.translate("Glossary",
                       "The network socket of the gateway meant for you (Home Area Network). "
                       "Connect this PC to it with a network cable; never connect it to your "
                       "router or the internet.")),
        (QCA.translate("Glossary", "Pinning"),
         QCA.translate("Glossary",
                       "At the first connection you compare the fingerprint of the gateway's "
                       "certificate with the one from your meter operator. trudi_py then "
                       "remembers it and refuses any other certificate, so nobody can pose as "
                       "your gateway.")),
        (QCA.translate("Glossary", "Seal certificate (Gütesiegel-Zertifikat)"),
         QCA.translate("Glossary",
                       "The certificate with index 0 of the gateway. The gateway signs its "
                       "tariff profiles with it; a valid signature shows that the profile comes "
                       "unchanged from the gateway.")),
        (QCA.translate("Glossary", "TAF (tariff use case)"),
         QCA.translate("Glossary",
                       "How your supplier bills you. TAF-1: fixed price, one register. TAF-2: "
                       "time-variable tariff with several registers (e.g. HT and NT). TAF-6: "
                       "readings on demand. TAF-7: load profile, one value every 15 minutes. "
                       "TAF-9 and TAF-10: current values only, nothing is stored.")),
        (QCA.translate("Glossary", "HT / NT"),
         QCA.translate("Glossary",
                       "High tariff (HT, usually daytime) and low tariff (NT, usually night and "
                       "weekend). With a time-variable tariff the gateway counts the energy of "
                       "each time zone in its own register (tariff 1, tariff 2 …); the signed "
                       "tariff profile says which register is HT and which NT.")),
        (QCA.translate("Glossary", "OBIS code"),
         QCA.translate("Glossary",
                       "The number that names a register, as printed on meters and bills: 1.8.0 "
                       "consumption total, 2.8.0 feed-in total, 1.8.1 / 1.8.2 consumption in "
                       "tariff 1 / 2, 1.8.63 the error register. trudi_py shows names; the code "
                       "is in the tooltip and in the raw data.")),
        (QCA.translate("Glossary", "Error register"),
         QCA.translate("Glossary",
                       "Energy the gateway could not assign to a tariff, e.g. while its clock "
                       "was invalid. It is billed separately and should normally stay at zero.")),
        (QCA.translate("Glossary", "Status word"),
         QCA.translate("Glossary",
                       "A short code sent with every value in which the gateway and the meter "
                       "report faults (e.g. manipulation, invalid time). trudi_py turns it into "
                       "a sentence; the code is shown in the tooltip.")),
        (QCA.translate("Glossary", "Status 0–4"),
         QCA.translate("Glossary",
                       "How usable a value is: 0 fine; 1 warning, still usable; 2 temporary "
                       "error; 3 critical and 4 fatal: the value must not be used for billing.")),
        (QCA.translate("Glossary", "Original values, daily values, registers"),
         QCA.translate("Glossary",
                       "The gateway keeps your values in databases: original values (every 15 "
                       "minutes), daily values (one per day), derived and time-variable tariff "
                       "registers (the amounts your bill is made of).")),
        (QCA.translate("Glossary", "Billing period"),
         QCA.translate("Glossary",
                       "The span your supplier bills, usually a month. An open period has not "
                       "ended yet and can only be checked afterwards.")),
        (QCA.translate("Glossary", "Transparency function"),
         QCA.translate("Glossary",
                       "Lets you recompute your bill from the values of the gateway and the "
                       "tariff file of your supplier (AR 2418-6 files), as the TRuDI program "
                       "does.")),
        (QCA.translate("Glossary", "Logbook levels"),
         QCA.translate("Glossary",
                       "Each logbook entry has a level: information, notice, warning, error or "
                       "severe fault. Gateways number them in two ways (syslog 0–7 or 1–4); "
                       "trudi_py recognises both and shows the word.")),
        (QCA.translate("Glossary", "Operating states"),
         QCA.translate("Glossary",
                       "Normal operation, or one of the safe states (Secure State) in which the "
                       "gateway switches functions off to protect your data. In a safe state "
                       "inform your meter operator.")),
    ]


class GlossaryPage(QWidget):
    """One scrollable text; every term in bold with its explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryPage")
        layout, _ = page_layout(self, self.tr("Help and glossary"))
        self.text = QTextBrowser()
        self.text.setObjectName("glossaryText")
        self.text.setOpenExternalLinks(False)
        intro = html_escape(self.tr(
            "trudi_py reads, checks and archives your own meter data. The terms used on the "
            "pages are explained here."))
        items = "".join(f"<dt><b>{html_escape(term)}</b></dt><dd style='margin-bottom:8px'>"
                        f"{html_escape(text)}</dd>" for term, text in glossary())
        self.text.setHtml(f"<p>{intro}</p><dl>{items}</dl>")
        layout.addWidget(self.text, 1)

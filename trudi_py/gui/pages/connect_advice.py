"""The connect page's advice after a failed connection: the network check in plain words
(texts in the connect page's translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication as QCA

from trudi_py.gui.widgets import html_escape
from trudi_py.m2m.netcheck import NetCheck


def netcheck_advice(check: NetCheck) -> str:
    """The network check in plain words (HTML), or "" when there is nothing to say."""
    if check.status == "unresolved":
        return html_escape(QCA.translate(
            "ConnectPage", "The address {0} could not be resolved. Enter the "
            "gateway's IP address, e.g. 192.200.1.100.").format(check.host))
    if check.status == "ok":
        return html_escape(QCA.translate(
            "ConnectPage",
            "Network check: this PC ({0}) is in the gateway's subnet. Check that the "
            "cable is plugged into the HAN port and that the gateway is running. If it "
            "keeps failing, the gateway may be in a secure state (see Overview) — "
            "inform your meter operator.").format(check.local_ip))
    if not check.needs_change:
        return ""
    if check.status == "same-address":
        problem = QCA.translate("ConnectPage",
                                "This PC uses the gateway's own address {0}.").format(
            check.gateway_ip)
    elif check.status == "no-route":
        problem = QCA.translate("ConnectPage",
                                "This PC has no address in the gateway's network.")
    else:
        problem = QCA.translate("ConnectPage",
                                "This PC ({0}) is not in the gateway's network.").format(
            check.local_ip)
    steps = QCA.translate(
        "ConnectPage",
        "Set the network adapter the gateway is connected to <b>manually</b> to:"
        "<ul><li>IP address: <b>{0}</b> (any free address {1}.x except {2})</li>"
        "<li>Subnet mask: <b>{3}</b></li><li>Default gateway: <b>leave empty</b></li>"
        "</ul>").format(check.suggested_ip, check.gateway_ip.rsplit(".", 1)[0],
                        check.gateway_ip, check.netmask)
    return f"{html_escape(problem)}<br>{steps}"

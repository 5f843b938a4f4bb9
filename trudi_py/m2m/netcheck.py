"""Network check after a failed connection: is this PC in the gateway's HAN subnet?

The CONEXA handbook's example: gateway ``192.200.1.100``, PC ``192.200.1.x`` with subnet mask
``255.255.255.0``, no default gateway, and never the gateway's own address. Standard library
only: a UDP socket ``connect`` (no packet is sent) tells which local address the operating
system would use to reach the gateway.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

#: The handbook's subnet mask for the HAN network.
HAN_NETMASK = "255.255.255.0"
HAN_PREFIX = 24


@dataclass(frozen=True)
class NetCheck:
    """The outcome; ``status`` is one of

    - ``ok``: this PC has an address in the gateway's /24 subnet (the problem is elsewhere);
    - ``loopback``: the gateway is on this PC (demo/simulator): nothing to check;
    - ``unresolved``: the host name could not be resolved;
    - ``no-route``: no local address reaches the gateway at all;
    - ``other-subnet``: the PC would reach the gateway only via another network;
    - ``same-address``: the PC uses the gateway's own address.
    """

    status: str
    host: str
    gateway_ip: str = ""
    local_ip: str = ""
    suggested_ip: str = ""
    netmask: str = HAN_NETMASK

    @property
    def needs_change(self) -> bool:
        """True when the PC's network settings must be changed."""
        return self.status in ("no-route", "other-subnet", "same-address")


def suggest_address(gateway_ip: str) -> str:
    """A free-looking PC address in the gateway's /24 (``.10``, or ``.11`` if that is taken)."""
    gw = ipaddress.IPv4Address(gateway_ip)
    net = ipaddress.IPv4Network(f"{gw}/{HAN_PREFIX}", strict=False)
    for host in (10, 11, 20, 50):
        candidate = net.network_address + host
        if candidate != gw:
            return str(candidate)
    return str(net.network_address + 1)


def local_source_address(gateway_ip: str, port: int = 443) -> str | None:
    """The local address the OS would use towards ``gateway_ip``; None if there is no route."""
    family = socket.AF_INET6 if ":" in gateway_ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect((gateway_ip, port))  # UDP: sets the route, sends nothing
            return str(sock.getsockname()[0])
        except OSError:
            return None


def check_network(host: str, port: int = 443) -> NetCheck:
    """Compare this PC's source address with the gateway's subnet (IPv4 /24 as in the handbook)."""
    host = host.strip().strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return NetCheck("unresolved", host)
    addresses = [str(info[4][0]) for info in infos]
    ip = next((a for a in addresses if ":" not in a), addresses[0] if addresses else "")
    if not ip:
        return NetCheck("unresolved", host)
    address = ipaddress.ip_address(ip)
    if address.is_loopback:
        return NetCheck("loopback", host, gateway_ip=ip, local_ip=ip)
    local = local_source_address(ip, port)
    if address.version != 4:
        return NetCheck("ok" if local else "no-route", host, gateway_ip=ip, local_ip=local or "")
    suggestion = suggest_address(ip)
    if local is None:
        return NetCheck("no-route", host, gateway_ip=ip, suggested_ip=suggestion)
    if local == ip:
        return NetCheck("same-address", host, gateway_ip=ip, local_ip=local,
                        suggested_ip=suggestion)
    net = ipaddress.IPv4Network(f"{ip}/{HAN_PREFIX}", strict=False)
    if ipaddress.ip_address(local) in net:
        return NetCheck("ok", host, gateway_ip=ip, local_ip=local)
    return NetCheck("other-subnet", host, gateway_ip=ip, local_ip=local, suggested_ip=suggestion)

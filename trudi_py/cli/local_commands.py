"""CLI commands that need no gateway: simulate, demo, pins."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from trudi_py.errors import UsageError
from trudi_py.m2m import PinStore, grouped

#: The transport quirks a real CONEXA (firmware v3.87) shows; ``simulate`` and ``demo`` both
#: turn them on (the field gateway adds bare OBIS and syslog levels itself), so both serve the
#: same gateway; ``demo`` only adds realistic latency.
REALISTIC_QUIRKS = "digest-sha256-empty-body,strict-content-type"


def _sim_config(args: argparse.Namespace, *, realistic: bool):
    """The simulator settings of ``simulate``/``demo``; ``--quirks`` may also set
    ``latency=MS``, ``idle-timeout=S``, ``random-faults=P`` and ``fault-seed=N`` (checked when
    the simulator starts)."""
    from trudi_py.simulator import SimulatorConfig
    quirks_text = args.quirks if args.quirks is not None else REALISTIC_QUIRKS
    latency = args.latency_ms if args.latency_ms is not None else (None if realistic else 0)
    return SimulatorConfig(scenario=args.scenario, port=args.port, latency_ms=latency,
                           quirks=frozenset(q.strip() for q in quirks_text.split(",")
                                            if q.strip()),
                           state_dir=args.state_dir, seed=args.seed, gateway=args.gateway)


def cmd_simulate(args: argparse.Namespace) -> int:
    from trudi_py.simulator import serve_forever
    return serve_forever(_sim_config(args, realistic=False))


def cmd_demo(args: argparse.Namespace) -> int:
    if args.state_dir is None:
        args.state_dir = Path(tempfile.mkdtemp(prefix="trudi-demo-"))
    config = _sim_config(args, realistic=True)
    if args.no_gui:
        return _serve_demo(config)
    try:
        from trudi_py.gui.app import run_demo
    except ImportError as exc:
        raise UsageError(f"The GUI is not available ({exc}); use 'trudi-py demo --no-gui'.",
                         f"Die Oberfläche ist nicht verfügbar ({exc}); "
                         f"'trudi-py demo --no-gui' verwenden.") from None
    return run_demo(config, tour_dir=args.tour)


def _serve_demo(config) -> int:
    """Run the demo gateway until Ctrl-C and print how to connect from a second terminal."""
    import signal
    import threading

    from trudi_py.simulator import Simulator
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with Simulator(config) as sim:
        consumer = sim.data.consumers[0]
        print(f"listening on {sim.url} sha256:{sim.fingerprint}")
        print("Demo gateway running (realistic latency and field quirks). From a second "
              "terminal:")
        print(f"  export TRUDI_URL={sim.url}")
        print(f"  export TRUDI_PASSWORD={consumer.password}")
        print(f"  trudi-py info --user {consumer.user} --pin sha256:{sim.fingerprint}")
        print(f"  trudi-py contracts --user {consumer.user} --pin sha256:{sim.fingerprint}")
        print(f"  trudi-py log --user {consumer.user} --pin sha256:{sim.fingerprint}")
        if consumer.usage_points:
            print(f"  trudi-py readings {consumer.usage_points[0].usage_point_id} "
                  f"--user {consumer.user} --pin sha256:{sim.fingerprint} --from "
                  f"<YYYY-MM-DD> --to <YYYY-MM-DD>")
        if consumer.p12_path:
            print(f"Certificate login: --p12 {consumer.p12_path} "
                  f"(TRUDI_P12_PASSWORD={consumer.p12_password})")
        print("Press Ctrl-C to stop.", flush=True)
        while not stop.wait(0.5):
            pass
    return 0


def cmd_pins(args: argparse.Namespace) -> int:
    store = PinStore()
    if args.action == "list":
        pins = store.all()
        for pin in pins:
            print(f"{pin.url}  first seen {pin.first_seen}  {pin.subject}")
            print("    " + grouped(pin.sha256).replace("\n", "\n    "))
        if not pins:
            print("No pinned gateways.", file=sys.stderr)
        return 0
    if not args.url:
        raise UsageError("pins forget needs the gateway URL.", "pins forget braucht die URL.")
    if store.forget(args.url):
        print(f"Pin for {args.url} removed; the next connection asks again.")
        return 0
    raise UsageError(f"No pin stored for {args.url}.", f"Kein Pin für {args.url} gespeichert.")


def _add_sim_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=0, help="port (0 = a free port)")
    p.add_argument("--scenario", default="household", help="household | two-consumers")
    p.add_argument("--latency-ms", type=int, default=None,
                   help="fixed answer latency per request (default: none for simulate, "
                        "realistic per method for demo)")
    p.add_argument("--quirks", default=None,
                   help="comma-separated field quirks, e.g. digest-sha256-empty-body,"
                        "bare-obis,idle-timeout=5,latency=200; random-faults=P (and "
                        "fault-seed=N) for random resets, 500s, empty answers, dropped "
                        "connections and latency spikes")
    p.add_argument("--state-dir", type=Path, default=None,
                   help="where the simulator keeps its certificate and keys")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    p.add_argument("--gateway", choices=("field", "description"), default="field",
                   help="field (default): as real firmware v3.87.0-cc behaves; description: "
                        "as the interface description says (qualified OBIS, levels 1-4, "
                        "TAF-1 with a profile, monthly periods only)")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run the simulated gateway headless")
    _add_sim_options(p)
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser("demo", help="the GUI against the built-in demo gateway")
    _add_sim_options(p)
    p.add_argument("--no-gui", action="store_true",
                   help="only run the demo gateway and print how to connect")
    p.add_argument("--tour", type=Path, default=None,
                   help="visit every page, save one PNG per page into DIR, exit")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("pins", help="list or forget pinned gateway certificates")
    p.add_argument("action", choices=["list", "forget"])
    p.add_argument("url", nargs="?")
    p.set_defaults(func=cmd_pins)

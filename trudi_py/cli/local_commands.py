"""CLI commands that need no gateway: simulate, demo, pins."""

from __future__ import annotations

import argparse
import contextlib
import errno
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trudi_py.cli.display import require_display
from trudi_py.errors import ConnectError, UsageError
from trudi_py.i18n import msg, run_text
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
    clock = _clock_options(args)
    return SimulatorConfig(scenario=args.scenario, port=args.port, latency_ms=latency,
                           quirks=frozenset(q.strip() for q in quirks_text.split(",")
                                            if q.strip()),
                           state_dir=args.state_dir, seed=args.seed, years=args.years,
                           gateway=args.gateway, **clock)


def parse_duration(text: str) -> timedelta:
    """``2d``, ``6h``, ``90m``, ``30s`` (a bare number: days)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([dhms]?)\s*", text or "")
    if m is None or float(m[1]) <= 0:
        raise UsageError(msg("Not a duration: {text!r} (e.g. 2d, 6h, 90m).", text=text))
    unit = {"d": "days", "": "days", "h": "hours", "m": "minutes", "s": "seconds"}[m[2]]
    return timedelta(**{unit: float(m[1])})


def _clock_options(args: argparse.Namespace) -> dict[str, Any]:
    """``--now``, ``--retention``, ``--clock-step``/``--step-every``/``--steps`` (simulate)."""
    from trudi_py.model.times import parse_user_time
    out: dict[str, Any] = {}
    now = getattr(args, "now", None)
    if now:
        try:
            out["now"] = parse_user_time(now)
        except ValueError:
            raise UsageError(msg("--now: not a time: {now!r}.", now=now)) from None
    if getattr(args, "retention", None):
        out["retention"] = parse_duration(args.retention)
    if getattr(args, "clock_step", None):
        if args.steps < 1 or args.step_every <= 0:
            raise UsageError(msg("--steps must be at least 1 and --step-every positive."))
        step = parse_duration(args.clock_step)
        start = out.setdefault("now", datetime.now(UTC))
        out.update(clock_step=step, step_every_s=args.step_every, steps=args.steps,
                   data_until=start + step * args.steps)
    return out


def _check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise UsageError(msg("--port must be between 0 and 65535 (0 = a free port), not {port}.",
                             port=port))


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _scratch(args: argparse.Namespace, prefix: str) -> Iterator[None]:
    """A temporary state folder (keys, .p12 files, pins) unless ``--state-dir`` names one;
    removed on every way out: normal end, Ctrl-C, SIGTERM (turned into an interrupt while the
    command runs), an exception. A folder the user gave is kept."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    own = None
    try:
        if args.state_dir is None:
            own = Path(tempfile.mkdtemp(prefix=prefix))
            args.state_dir = own
        yield
    finally:
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)
            args.state_dir = None
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _bind_errors(port: int) -> Iterator[None]:
    """A port in use or not allowed: one line and exit 3, not an internal error."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConnectError(msg("Port {port} is in use already: choose another --port, or 0 "
                                   "for a free one.", port=port)) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise ConnectError(msg("Port {port} may not be opened by this user (ports below "
                                   "1024 need administrator rights): choose another --port, or "
                                   "0.", port=port)) from None
        raise


def _ppc(args: argparse.Namespace) -> bool:
    """``--gateway ppc`` (or ``--scenario ppc``): the PPC portal double instead."""
    return bool(args.gateway == "ppc" or args.scenario == "ppc")


def _serve_ppc(args: argparse.Namespace, *, commands: bool) -> int:
    from trudi_py.simulator.ppc.serve import recent_config, serve_forever
    with _bind_errors(args.port):
        return serve_forever(recent_config(args.port, args.seed), commands=commands)


def cmd_simulate(args: argparse.Namespace) -> int:
    """``trudi-py simulate``: the simulated gateway headless until SIGINT/SIGTERM."""
    from trudi_py.simulator import serve_forever
    _check_port(args.port)
    if _ppc(args):
        return _serve_ppc(args, commands=False)
    with _scratch(args, "trudi-sim-"), _bind_errors(args.port):
        return serve_forever(_sim_config(args, realistic=False))


def cmd_demo(args: argparse.Namespace) -> int:
    """``trudi-py demo``: the GUI against the built-in demo gateway (or only the gateway)."""
    _check_port(args.port)
    if _ppc(args) and args.no_gui:
        return _serve_ppc(args, commands=True)
    if not args.no_gui:
        require_display()
    if _ppc(args):  # the GUI against the PPC portal double
        from trudi_py.gui.app import run_demo
        from trudi_py.simulator.ppc.serve import recent_config
        with _bind_errors(args.port):
            return run_demo(recent_config(args.port, args.seed), tour_dir=args.tour)
    with _scratch(args, "trudi-demo-"), _bind_errors(args.port):
        config = _sim_config(args, realistic=True)
        if args.no_gui:
            return _serve_demo(config)
        from trudi_py.gui.app import run_demo  # Qt only after the display check
        return run_demo(config, tour_dir=args.tour)


def _serve_demo(config: object) -> int:
    """Run the demo gateway until Ctrl-C and print how to connect from a second terminal."""
    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {sig: signal.signal(sig, lambda *_: stop.set())
                    for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _serve_demo_until(config, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve_demo_until(config: object, stop: threading.Event) -> int:
    from trudi_py.simulator import Simulator
    with Simulator(config) as sim:  # type: ignore[arg-type]
        consumer = sim.data.consumers[0]
        print(f"listening on {sim.url} sha256:{sim.fingerprint}")
        print(run_text("Demo gateway running (realistic latency and field quirks). From a "
                       "second terminal:"))
        print(f"  export TRUDI_URL={sim.url}")
        print(f"  export TRUDI_PASSWORD={consumer.password}")
        print(f"  trudi-py info --user {consumer.user} --pin sha256:{sim.fingerprint}")
        print(f"  trudi-py contracts --user {consumer.user} --pin sha256:{sim.fingerprint}")
        print(f"  trudi-py log --user {consumer.user} --pin sha256:{sim.fingerprint}")
        if consumer.usage_points:
            print(f"  trudi-py readings {consumer.usage_points[0].usage_point_id} "
                  f"--user {consumer.user} --pin sha256:{sim.fingerprint} --from "
                  f"YYYY-MM-DD --to YYYY-MM-DD")
        if consumer.p12_path:
            print(run_text("Certificate login: ")
                  + f"--p12 {consumer.p12_path} (TRUDI_P12_PASSWORD={consumer.p12_password})")
        print(run_text("Press Ctrl-C to stop."), flush=True)
        while not stop.wait(0.5):
            pass
    return 0


def cmd_pins(args: argparse.Namespace) -> int:
    """``trudi-py pins``: list or forget pinned gateway certificates."""
    store = PinStore()
    if args.action == "list":
        pins = store.all()
        for pin in pins:
            print(f"{pin.url}  " + run_text("first seen")
                  + f" {pin.first_seen}  {pin.subject}")
            print("    " + grouped(pin.sha256).replace("\n", "\n    "))
        if not pins:
            print(run_text("No pinned gateways."), file=sys.stderr)
        return 0
    if not args.url:
        raise UsageError(msg("pins forget needs the gateway URL."))
    if store.forget(args.url):
        print(run_text("Pin for {url} removed; the next connection asks again.", url=args.url))
        return 0
    raise UsageError(msg("No pin stored for {url}.", url=args.url))


def _add_sim_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=0, metavar="PORT", help="port (0 = a free port)")
    p.add_argument("--scenario", default="household", metavar="NAME",
                   help="household | two-consumers | ppc (= --gateway ppc)")
    p.add_argument("--latency-ms", type=int, default=None, metavar="MS",
                   help="fixed answer latency per request (default: none for simulate, "
                        "realistic per method for demo)")
    p.add_argument("--quirks", default=None, metavar="LIST",
                   help="comma-separated field quirks, e.g. digest-sha256-empty-body,"
                        "bare-obis,idle-timeout=5,latency=200; random-faults=P (and "
                        "fault-seed=N) for random resets, 500s, empty answers, dropped "
                        "connections and latency spikes")
    p.add_argument("--state-dir", type=Path, default=None, metavar="DIR",
                   help="where the simulator keeps its certificate and keys")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="seed of the generated data")
    p.add_argument("--years", type=int, default=None, metavar="N",
                   help="years of meter history to serve (1-30; default: the scenario's "
                        "own, 14 months for household)")
    p.add_argument("--gateway", choices=("field", "description", "ppc"), default="field",
                   help="field (default): as real firmware v3.87.0-cc behaves; description: "
                        "as the interface description says (qualified OBIS, levels 1-4, "
                        "TAF-1 with a profile, monthly periods only); ppc: a PPC gateway's "
                        "HAN portal (the last 14 days of values)")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the commands that need no gateway (simulate, demo, pins, gui)."""
    p = sub.add_parser("simulate", help="run the simulated gateway headless")
    _add_sim_options(p)
    p.add_argument("--now", default=None, metavar="TIME",
                   help="start the gateway clock at this time (UTC ...Z, or local date/time; "
                        "default: now)")
    p.add_argument("--retention", default=None, metavar="DURATION",
                   help="the gateway keeps values and log entries only this long (e.g. 40d); "
                        "older ones are dropped as the clock moves on")
    p.add_argument("--clock-step", default=None, metavar="DURATION",
                   help="advance the gateway clock in steps of this size (e.g. 2d), every "
                        "--step-every seconds, --steps times; prints a 'clock' line per step")
    p.add_argument("--step-every", type=float, default=60.0, metavar="SECONDS",
                   help="real seconds between two clock steps (default 60)")
    p.add_argument("--steps", type=int, default=30, metavar="N",
                   help="number of clock steps (default 30; the data reach that far)")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser("demo", help="the GUI against the built-in demo gateway")
    _add_sim_options(p)
    p.add_argument("--no-gui", action="store_true",
                   help="only run the demo gateway and print how to connect")
    p.add_argument("--tour", type=Path, default=None, metavar="DIR",
                   help="visit every page, save one PNG per page into DIR, exit")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("pins", help="list or forget pinned gateway certificates")
    p.add_argument("action", choices=["list", "forget"])
    p.add_argument("url", nargs="?", metavar="URL", help="the gateway address (for forget)")
    p.set_defaults(func=cmd_pins)

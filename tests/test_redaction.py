"""Secrets never reach logs: registered passwords and authentication headers are redacted."""

from __future__ import annotations

import logging

from trudi_py.logsetup import RedactingFilter, redact, register_secret


def test_registered_secret_and_headers_are_redacted() -> None:
    register_secret("s3cret-Passw0rd")
    text = redact('login with s3cret-Passw0rd; Authorization: Digest username="u", '
                  'response="0123abcd"')
    assert "s3cret-Passw0rd" not in text and "0123abcd" not in text
    assert redact('WWW-Authenticate: Digest nonce="abc"').endswith("***")


def test_filter_redacts_args_and_tracebacks(caplog) -> None:
    register_secret("another-Secret-42")
    logger = logging.getLogger("trudi_py.test")
    logger.addFilter(RedactingFilter())
    try:
        with caplog.at_level(logging.INFO, logger="trudi_py.test"):
            logger.info("password is %s", "another-Secret-42")
            try:
                raise ValueError("boom another-Secret-42")
            except ValueError:
                logger.exception("failed")
    finally:
        logger.filters.clear()
    assert "another-Secret-42" not in caplog.text
    assert "***" in caplog.text


def test_full_cli_session_leaves_no_secret_in_files_or_output(sim, tmp_path,
                                                               _isolated_user_data) -> None:
    """Known secrets, a whole CLI session, then every file written and all output scanned."""
    import os
    import subprocess
    import sys
    c = sim.data.consumers[0]
    env = dict(os.environ, TRUDI_PASSWORD=c.password, TRUDI_P12_PASSWORD=c.p12_password)
    outputs = []
    for args in (["-v", "info", "--user", c.user], ["-v", "contracts", "--p12", str(c.p12_path)],
                 ["-v", "info", "--user", c.user, "--timeout", "5"]):
        result = subprocess.run([sys.executable, "-m", "trudi_py", *args, "--url", sim.url,
                                 "--pin", sim.fingerprint], capture_output=True, text=True,
                                env=env, timeout=60, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout + result.stderr)
    secrets = [c.password, c.p12_password]
    for text in outputs:
        assert not any(s in text for s in secrets)
    written = [p for p in _isolated_user_data.rglob("*") if p.is_file()]
    assert any(p.name == "trudi_py.log" for p in written)
    for path in written:
        data = path.read_bytes()
        assert not any(s.encode() in data for s in secrets), path

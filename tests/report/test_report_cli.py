"""`supplyline report` and `supplyline serve` from the command line."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from corpus_factories import DOCUMENTS
from supplyline.cli import cli


def _run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_report_writes_html_and_prints_its_path(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.html"
    result = _run("--db", sample_db, "report", "--since", "2025-01-01", "-o", out)
    assert result.exit_code == 0
    assert result.stdout.strip() == str(out.resolve())
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "What changed since 2025-01-01" in text
    assert "pairs" in result.stderr


def test_report_markdown_for_one_pair(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nk.md"
    result = _run("--db", sample_db, "report", "--pair", "North Korea->Russia", "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "## North Korea → Russia" in text and "## Iran → Russia" not in text


def test_report_rejects_a_bad_pair(sample_db: Path, tmp_path: Path) -> None:
    result = _run("--db", sample_db, "report", "--pair", "->Russia", "-o", tmp_path / "x.html")
    assert result.exit_code == 2 and "--pair" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_serve_binds_to_loopback_and_serves_the_dashboard(sample_db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "supplyline.cli", "--db", str(sample_db), "--quiet", "serve",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["documents"] == DOCUMENTS
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"at http://127.0.0.1:{port}/" in err

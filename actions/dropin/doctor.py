"""``genrec-rasa doctor``: is the assistant merged, and are its services there?"""

from __future__ import annotations

import json
import os
import platform
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..settings import load_actions_config
from . import bundle, init, yamltext
from .errors import MergeConflict
from .project_merge import SOCKETIO_CLASS, has_rest, has_socketio


@dataclass
class Finding:
    """One check: passed or not, and what to do when not."""

    ok: bool
    what: str
    fix: str = ""


def project_findings(project: Path) -> list[Finding]:
    """Checks of the project's files: merged, action endpoint, channels."""
    try:
        planned = init.plan(project)
    except MergeConflict as error:
        return [Finding(False, "project merges with the assistant", str(error))]
    pending = [change.summary for change in planned.changes]
    findings = [
        Finding(
            not pending,
            "domain, data/genrec, config, endpoints and credentials merged",
            "run `genrec-rasa init` (it would: " + "; ".join(pending) + ")",
        )
    ]
    endpoints = yamltext.load(init.read(project / "endpoints.yml")) or {}
    url = str((endpoints.get("action_endpoint") or {}).get("url", ""))
    findings.append(
        Finding(
            bool(url),
            f"action endpoint {url or '(none)'}",
            "set action_endpoint.url in endpoints.yml",
        )
    )
    credentials = yamltext.load(init.read(project / "credentials.yml")) or {}
    findings.append(
        Finding(has_rest(credentials), "REST channel", "add `rest:` to credentials.yml")
    )
    findings.append(
        Finding(
            has_socketio(credentials),
            "socket.io channel",
            f"add `{SOCKETIO_CLASS}:` to credentials.yml (`genrec-rasa init` does)",
        )
    )
    return findings


def fetch(url: str, timeout: float, token: str = "") -> tuple[int, Any]:
    """HTTP GET: status and parsed JSON body (``None`` when not JSON); status 0 when unreachable."""
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}"} if token else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, OSError):
        return 0, None
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, None


def service_findings(timeout: float, environ: dict[str, str] | None = None) -> list[Finding]:
    """Checks of the running recommender as the action server will reach it."""
    env = os.environ if environ is None else environ
    try:
        settings = load_actions_config(env=env).recommender
    except (OSError, ValueError) as exc:
        return [Finding(False, "action-server settings load", f"fix them (docs/CONFIG.md): {exc}")]
    base = settings.url
    status, health = fetch(f"{base}/health", timeout)
    findings = [
        Finding(
            status == 200 and isinstance(health, dict) and health.get("status") == "ok",
            f"recommender {base}/health answers"
            + (f" ({health.get('products')} products)" if isinstance(health, dict) else ""),
            "start the recommender (`python -m recommender serve`) or set RECOMMENDER_URL for the action server",
        )
    ]
    token = settings.token
    findings.append(
        Finding(
            bool(token),
            "RECOMMENDER_TOKEN set",
            "export RECOMMENDER_TOKEN (the recommender's server.service_token) for the action server",
        )
    )
    if token and findings[0].ok:
        status, _ = fetch(f"{base}/catalog/vocabulary", timeout, token)
        findings.append(
            Finding(
                status == 200,
                f"recommender accepts the token (HTTP {status})",
                "RECOMMENDER_TOKEN must equal the recommender's server.service_token",
            )
        )
    return findings


def action_server_findings(project: Path, timeout: float) -> list[Finding]:
    """Checks of the action server at the project's action endpoint: up, actions registered."""
    endpoints = yamltext.load(init.read(project / "endpoints.yml")) or {}
    url = str((endpoints.get("action_endpoint") or {}).get("url", ""))
    if not url:
        return []
    base = url.rsplit("/webhook", 1)[0]
    status, listed = fetch(f"{base}/actions", timeout)
    if status != 200 or not isinstance(listed, list):
        return [Finding(False, f"action server {base} answers", "start it: `rasa run actions`")]
    names = {item.get("name") for item in listed if isinstance(item, dict)}
    needed = set(bundle.domain()["actions"])
    missing = sorted(needed - names)
    return [
        Finding(
            not missing,
            f"action server {base} has the assistant's actions",
            f"add `import genrec_actions` to your actions package (missing: {', '.join(missing[:4])})",
        )
    ]


def version_findings() -> list[Finding]:
    """Python and rasa-sdk versions the action server runs on."""
    findings = []
    python = platform.python_version_tuple()
    supported = (3, 8) <= (int(python[0]), int(python[1])) <= (3, 10)
    findings.append(
        Finding(
            supported, f"Python {platform.python_version()}", "Rasa 3.6 runs on Python 3.8-3.10"
        )
    )
    try:
        from rasa_sdk import __version__ as sdk_version
    except ImportError:
        sdk_version = ""
    findings.append(
        Finding(
            sdk_version.startswith("3.6"),
            f"rasa-sdk {sdk_version or '(missing)'}",
            "install rasa-sdk 3.6 (the action server of Rasa 3.6)",
        )
    )
    return findings


def run(project: Path, timeout: float = 3.0) -> int:
    """Print every check and what to fix; 1 when one failed."""
    findings = (
        project_findings(project)
        + version_findings()
        + action_server_findings(project, timeout)
        + service_findings(timeout)
    )
    for finding in findings:
        print(
            f"[{'ok' if finding.ok else 'FAIL'}] {finding.what}"
            + ("" if finding.ok else f"\n       fix: {finding.fix}")
        )
    failed = sum(not finding.ok for finding in findings)
    print("all checks passed" if not failed else f"{failed} check(s) failed")
    return 1 if failed else 0

"""Start the whole assistant (recommender, actions, Rasa, agent console), wait until healthy.

Used by ``make run`` (foreground, Ctrl-C stops everything; it first seeds the demo users'
histories, those that fit the served catalog) and by the end-to-end tests and benchmarks (as
a context manager on their own ports and state directory).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = REPO / "rasa_project"
PY_REC = REPO / ".venv" / "bin" / "python"
RASA = REPO / ".venv-rasa" / "bin" / "rasa"
FACEBOOK_VARS = ("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN")


@dataclass(frozen=True)
class StackConfig:
    """Ports, state directory and extra environment of one running stack."""

    recommender_port: int = 8000
    actions_port: int = 5055
    rasa_port: int = 5005
    console_port: int = 8001
    state_dir: Path = REPO / "var"
    # Rasa's `--auth-token` (a `?token=` query argument): off unless RASA_AUTH_TOKEN is set.
    rasa_token: str = field(default_factory=lambda: os.environ.get("RASA_AUTH_TOKEN", ""))
    # Rasa's `--jwt-secret` (HS256): the console signs its `Authorization: Bearer` JWTs with it.
    rasa_jwt_secret: str = field(
        default_factory=lambda: os.environ.get("RASA_JWT_SECRET") or secrets.token_urlsafe(32),
        repr=False,
    )
    # The action server and the console share it; random unless CONSOLE_TOKEN is set.
    console_token: str = field(
        default_factory=lambda: os.environ.get("CONSOLE_TOKEN") or secrets.token_urlsafe(24)
    )
    # The recommender's admin token (DELETE /users/{id}, analytics for the console).
    admin_token: str = field(
        default_factory=lambda: (
            os.environ.get("GENREC_SERVER__ADMIN_TOKEN") or secrets.token_urlsafe(24)
        )
    )
    # The recommender's service token: the action server (and tests) send it as Bearer.
    service_token: str = field(
        default_factory=lambda: (
            os.environ.get("GENREC_SERVER__SERVICE_TOKEN") or secrets.token_urlsafe(24)
        ),
        repr=False,  # test reports print the config
    )
    # The HMAC key of the shop page's signed sessions.
    session_secret: str = field(
        default_factory=lambda: (
            os.environ.get("GENREC_WEB__SESSION_SECRET") or secrets.token_urlsafe(32)
        ),
        repr=False,
    )
    extra_env: tuple[tuple[str, str], ...] = ()
    #: Every process listens on loopback only (the action server included).
    host: str = "127.0.0.1"

    @property
    def recommender_url(self) -> str:
        return f"http://127.0.0.1:{self.recommender_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.console_port}"

    @property
    def log_dir(self) -> Path:
        """Where each process writes its log (``rasa.log``, ``actions.log``, ...)."""
        return self.state_dir / "logs"

    @property
    def tracker_db(self) -> Path:
        """Rasa's SQLite tracker store (the console reviews it, ``forget`` deletes from it)."""
        return self.state_dir / "tracker.db"

    @property
    def spool_path(self) -> Path:
        """Where the action server leaves tickets the console could not take."""
        from genrec_core.defaults import HANDOFF_SPOOL_NAME  # the repository is on sys.path now

        return self.state_dir / HANDOFF_SPOOL_NAME


@dataclass
class Process:
    """One child process with its log file and health URL."""

    name: str
    cmd: list[str]
    cwd: Path
    health_url: str
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            self.cmd,
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as resp:
                return 200 <= resp.status < 300
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace_s: float = 10.0) -> None:
        if not self.alive():
            return
        assert self.popen is not None
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=5)


def write_endpoints(cfg: StackConfig) -> Path:
    """Endpoints file for this stack: its action server port and its SQLite tracker store
    (behind the PII-redacting wrapper)."""
    cfg.state_dir.mkdir(parents=True, exist_ok=True)
    path = cfg.state_dir / "endpoints.yml"
    path.write_text(
        "action_endpoint:\n"
        f"  url: {cfg.actions_url}/webhook\n"
        "tracker_store:\n"
        "  type: genrec_rasa.redacting_tracker_store.RedactingTrackerStore\n"
        "  wrapped_type: SQL\n"
        "  dialect: sqlite\n"
        f"  db: {cfg.tracker_db}\n"
        "lock_store:\n"
        "  type: in_memory\n",
        encoding="utf-8",
    )
    return path


def build_processes(cfg: StackConfig, model: Path) -> list[Process]:
    """The four processes of the assistant, in start order."""
    base_env = dict(os.environ)
    base_env.update(dict(cfg.extra_env))
    base_env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    base_env["PYTHONUNBUFFERED"] = "1"
    for name in FACEBOOK_VARS:  # credentials.yml needs them; random = Messenger stays closed
        base_env.setdefault(name, secrets.token_urlsafe(32))
    logs = cfg.log_dir
    rec_env = dict(
        base_env,
        GENREC_SERVER__PORT=str(cfg.recommender_port),
        GENREC_SERVER__ADMIN_TOKEN=cfg.admin_token,
        GENREC_SERVER__SERVICE_TOKEN=cfg.service_token,
        GENREC_WEB__SESSION_SECRET=cfg.session_secret,
        # Forgetting a user reaches the console's tickets and Rasa's conversations.
        GENREC_PRIVACY__CONSOLE_URL=cfg.console_url,
        GENREC_PRIVACY__CONSOLE_TOKEN=cfg.console_token,
    )
    rec_env.setdefault("GENREC_WEB__RASA_URL", cfg.rasa_url)  # the shop page chats with this Rasa
    act_env = dict(
        base_env,
        RECOMMENDER_URL=cfg.recommender_url,
        RECOMMENDER_TOKEN=cfg.service_token,
        SANIC_HOST=cfg.host,  # rasa-sdk 3.6 binds 0.0.0.0 unless told; its CLI has no option
        PYTHONPATH=str(REPO),
        CONSOLE_URL=cfg.console_url,
        CONSOLE_TOKEN=cfg.console_token,
        HANDOFF_SPOOL=str(cfg.spool_path),
    )
    console_env = dict(
        base_env,
        CONSOLE_PORT=str(cfg.console_port),
        CONSOLE_TOKEN=cfg.console_token,
        CONSOLE_STATE_DIR=str(cfg.state_dir),
        HANDOFF_SPOOL=str(cfg.spool_path),
        RASA_URL=cfg.rasa_url,
        RASA_JWT_SECRET=cfg.rasa_jwt_secret,
        CONSOLE_TRACKER_STORE_URL=str(cfg.tracker_db),  # conversation review reads it
        CONSOLE_RECOMMENDER_URL=cfg.recommender_url,
        CONSOLE_RECOMMENDER_TOKEN=cfg.admin_token,
        PYTHONPATH=str(REPO),
    )
    rasa_cmd = [
        str(RASA),
        "run",
        "--interface",
        cfg.host,
        "--enable-api",
        "--port",
        str(cfg.rasa_port),
        "--model",
        str(model),
        "--endpoints",
        str(write_endpoints(cfg)),
        "--credentials",
        "credentials.yml",
        "--cors",
        "*",
        # `=`: a random secret may start with "-", which argparse would read as an option
        f"--jwt-secret={cfg.rasa_jwt_secret}",
        "--jwt-method",
        "HS256",
    ]
    if cfg.rasa_token:
        rasa_cmd.append(f"--auth-token={cfg.rasa_token}")
    return [
        Process(
            "recommender",
            [
                *(str(PY_REC), "-m", "recommender", "serve"),
                *("--host", cfg.host, "--port", str(cfg.recommender_port)),
            ],
            REPO,
            f"{cfg.recommender_url}/health",
            rec_env,
            logs / "recommender.log",
        ),
        Process(
            "actions",
            [str(RASA), "run", "actions", "--actions", "actions", "--port", str(cfg.actions_port)],
            REPO,
            f"{cfg.actions_url}/health",
            act_env,
            logs / "actions.log",
        ),
        Process(
            "rasa",
            rasa_cmd,
            PROJECT,
            f"{cfg.rasa_url}/",
            # genrec_rasa (the tracker store wrapper, the socket.io channel); the channel
            # checks the shop page's signed session tokens with the recommender's secret.
            dict(base_env, PYTHONPATH=str(REPO), GENREC_WEB__SESSION_SECRET=cfg.session_secret),
            logs / "rasa.log",
        ),
        Process(
            "console",
            [str(PY_REC), "-m", "console", "--host", cfg.host, "--port", str(cfg.console_port)],
            REPO,
            f"{cfg.console_url}/health",
            console_env,
            logs / "console.log",
        ),
    ]


def seed_demo_events(env: dict[str, str] | None = None) -> str:
    """Add the two demo users' histories to the event store (``make run`` does it first).

    Events whose product is not in the catalog the recommender serves are left out and
    counted, so a shop's own catalog starts without them. Idempotent (event ids).

    Args:
        env: the recommender's environment (``GENREC_CATALOG__PATH``, ``GENREC_STORE__URL``
            ...); this process's environment when None.

    Returns:
        The import's summary line.

    Raises:
        RuntimeError: the import failed (with its output).
    """
    done = subprocess.run(
        [str(PY_REC), "-m", "recommender", "import-events", "--skip-unknown"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"importing the demo histories failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()


def wait_healthy(processes: list[Process], timeout_s: float) -> None:
    """Block until every process answers its health check.

    Raises:
        RuntimeError: a process died or did not become healthy in time (with its log tail).
    """
    deadline = time.monotonic() + timeout_s
    pending = list(processes)
    while pending:
        for proc in list(pending):
            if not proc.alive():
                raise RuntimeError(f"{proc.name} exited early:\n{proc.log_tail()}")
            if proc.healthy():
                pending.remove(proc)
        if pending and time.monotonic() > deadline:
            names = ", ".join(p.name for p in pending)
            tails = "\n".join(f"--- {p.name}\n{p.log_tail()}" for p in pending)
            raise RuntimeError(f"not healthy after {timeout_s:.0f}s: {names}\n{tails}")
        time.sleep(0.5)


@contextmanager
def running_stack(cfg: StackConfig, model: Path, timeout_s: float = 300) -> Iterator[list[Process]]:
    """Start every process, wait until all are healthy, yield them, and stop them all."""
    processes = build_processes(cfg, model)
    try:
        for proc in processes:
            proc.start()
        wait_healthy(processes, timeout_s)
        yield processes
    finally:
        for proc in reversed(processes):
            proc.stop()


def write_secret(path: Path, value: str) -> None:
    """Write a token readable by this user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value)


def main() -> int:
    from scripts.rasa_model import ensure_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recommender-port", type=int, default=8000)
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--console-port", type=int, default=8001)
    args = parser.parse_args()
    token = os.environ.get("RASA_AUTH_TOKEN", "")  # Rasa's query-string token: opt-in only
    console_token = os.environ.get("CONSOLE_TOKEN") or secrets.token_urlsafe(24)
    admin_token = os.environ.get("GENREC_SERVER__ADMIN_TOKEN") or secrets.token_urlsafe(24)
    cfg = StackConfig(
        args.recommender_port,
        args.actions_port,
        args.rasa_port,
        args.console_port,
        rasa_token=token,
        console_token=console_token,
        admin_token=admin_token,
    )
    model = ensure_model()
    try:
        print(f"demo histories: {seed_demo_events()}", flush=True)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1

    def on_signal(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    # Explicit handlers: a shell that starts us in the background ignores SIGINT otherwise.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        with running_stack(cfg, model) as processes:
            write_secret(cfg.state_dir / "rasa_jwt_secret", cfg.rasa_jwt_secret)
            if token:
                write_secret(cfg.state_dir / "rasa_token", token)
            write_secret(cfg.state_dir / "console_token", console_token)
            write_secret(cfg.state_dir / "admin_token", admin_token)
            write_secret(cfg.state_dir / "service_token", cfg.service_token)
            print(
                "\nrasa-genrec is up:\n"
                f"  demo shop + chat:  {cfg.recommender_url}/\n"
                f"  chat (REST):       curl -s {cfg.rasa_url}/webhooks/rest/webhook "
                '-H \'Content-Type: application/json\' -d \'{"sender":"me","message":"hi"}\'\n'
                f"  chat (socket.io):  {cfg.rasa_url}/socket.io\n"
                f"  Rasa HTTP API:     Bearer JWT (HS256, user.role admin) signed with "
                f"{cfg.state_dir / 'rasa_jwt_secret'}\n"
                f"  recommender API:   {cfg.recommender_url}/health  "
                f"(Bearer token in {cfg.state_dir / 'service_token'})\n"
                f"  agent console:     {cfg.console_url}/  (token in {cfg.state_dir / 'console_token'})\n"
                f"  review, analytics: {cfg.console_url}/review  {cfg.console_url}/analytics\n"
                f"  admin token:       {cfg.state_dir / 'admin_token'} (DELETE /users/ID)\n"
                f"  logs:              {cfg.log_dir}\n"
                "Press Ctrl-C to stop.",
                flush=True,
            )
            while True:
                for proc in processes:
                    if not proc.alive():
                        print(f"{proc.name} stopped unexpectedly:\n{proc.log_tail()}", flush=True)
                        return 1
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("stopped all processes", flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())

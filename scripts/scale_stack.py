"""The assistant scaled out on real infrastructure, behind a local HAProxy (``make prod-test``).

Two Rasa servers (``rasa_project/endpoints.production.yml``: PostgreSQL tracker store, Redis
lock store, RabbitMQ event broker), two action servers, two recommender replicas sharing
PostgreSQL for events and profiles, and the agent console. Each tier is reached through its
own HAProxy frontend; ``/socket.io`` is sticky by cookie. Everything the run writes lives in
a database, a RabbitMQ queue and a Redis key prefix of its own, removed at the end.

The processes are those of :mod:`scripts.stack` (one single-machine stack per replica),
pointed at the shared stores and at the balancer instead of at each other.
"""

from __future__ import annotations

import os
import secrets
import shutil
import string
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scripts.stack import PROJECT, Process, StackConfig, build_processes, wait_healthy

ADMIN_PG_URL = os.environ.get("GENREC_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_PORT = int(os.environ.get("GENREC_TEST_REDIS_PORT", "6379"))
RABBITMQ_PORT = int(os.environ.get("GENREC_TEST_RABBITMQ_PORT", "5672"))
TIERS = ("recommender", "actions", "rasa")
PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ScaleConfig:
    """Ports and names of one scaled-out run (``base_port`` + fixed offsets)."""

    state_dir: Path
    base_port: int = int(os.environ.get("GENREC_SCALE_BASE_PORT", "19000"))
    #: Letters only: the run's ids pass through the PII redactor untouched (no digit runs).
    run_id: str = field(
        default_factory=lambda: "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
    )
    replicas: int = 2
    #: Secrets and tokens every replica shares (random per run unless set in the environment).
    shared: StackConfig = field(default_factory=StackConfig, repr=False)

    @property
    def database(self) -> str:
        """The run's own PostgreSQL database (tracker store, events, profiles, tickets)."""
        return f"genrec_scale_{self.run_id}"

    @property
    def queue(self) -> str:
        """The run's own RabbitMQ queue (Rasa's event broker)."""
        return f"genrec_scale_{self.run_id}"

    @property
    def pg_url(self) -> str:
        """``postgresql://`` URL of the run's database."""
        parts = urlsplit(ADMIN_PG_URL)
        return urlunsplit(parts._replace(path=f"/{self.database}"))

    def front_port(self, tier: str) -> int:
        """The balancer's port for ``tier`` (``rasa``, ``actions``, ``recommender``, ``console``)."""
        return self.base_port + {"rasa": 5, "actions": 55, "recommender": 80, "console": 81}[tier]

    def front_url(self, tier: str) -> str:
        return f"http://127.0.0.1:{self.front_port(tier)}"

    def replica(self, index: int) -> StackConfig:
        """Ports and state directory of replica ``index`` (1-based)."""
        base = self.base_port + 100 * index
        return replace(
            self.shared,
            recommender_port=base + 80,
            actions_port=base + 55,
            rasa_port=base + 5,
            console_port=base + 81,
            state_dir=self.state_dir / f"replica{index}",
        )


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)  # DDL: names from our own run id


def create_database(cfg: ScaleConfig) -> None:
    _pg_admin(f'CREATE DATABASE "{cfg.database}"')


def drop_database(cfg: ScaleConfig) -> None:
    """Drop the run's database, ending any connection still open to it."""
    _pg_admin(f'DROP DATABASE IF EXISTS "{cfg.database}" WITH (FORCE)')


def delete_queue(cfg: ScaleConfig) -> str:
    """Remove the run's RabbitMQ queue (``rabbitmqctl``); returns what went wrong, if anything."""
    ctl = shutil.which("rabbitmqctl")
    if ctl is None:
        return "rabbitmqctl not found: queue left in place"
    done = subprocess.run(
        [ctl, "delete_queue", cfg.queue], capture_output=True, text=True, check=False, timeout=60
    )
    return "" if done.returncode == 0 else f"rabbitmqctl: {done.stderr.strip()[:200]}"


def haproxy_config(cfg: ScaleConfig, shared: StackConfig) -> str:
    """HAProxy configuration: one frontend per tier; ``/socket.io`` sticky by cookie.

    Every replica is checked every 2 s and taken out after three failures. Rasa's check is a
    TCP connect: a Rasa server works on a turn on its event loop, so under load its HTTP
    health route answers only between turns, and an HTTP check took the last live replica out
    for being busy; its port opens only once the model is loaded. The others answer
    ``/health`` (5 s allowed). A connection refused is retried on the other replica
    (``retry-on conn-failure`` + ``redispatch``). A chat message already sent is never sent
    again (not idempotent); an action call cut off by its dying action server is (the
    actions' events carry deterministic ids; a handoff ticket could be posted twice).
    """
    reps = [cfg.replica(i) for i in range(1, cfg.replicas + 1)]

    def servers(port_of: str, cookie: bool = False) -> str:
        lines = []
        for i, rep in enumerate(reps, start=1):
            extra = f" cookie r{i}" if cookie else ""
            lines.append(
                f"  server {port_of}{i} 127.0.0.1:{getattr(rep, port_of + '_port')} check{extra}"
            )
        return "\n".join(lines)

    return f"""# written by scripts/scale_stack.py for run {cfg.run_id}
global
  maxconn 4000
  log stdout format raw local0 warning

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  timeout tunnel 1h
  timeout check 5s
  retries 3
  option redispatch 1
  retry-on conn-failure
  default-server inter 2s fall 3 rise 2

frontend rasa
  bind 127.0.0.1:{cfg.front_port("rasa")}
  use_backend rasa_sticky if {{ path_beg /socket.io }}
  default_backend rasa

backend rasa
  balance roundrobin
{servers("rasa")}

backend rasa_sticky
  balance roundrobin
  cookie GENREC_RASA insert indirect nocache
{servers("rasa", cookie=True)}

frontend actions
  bind 127.0.0.1:{cfg.front_port("actions")}
  default_backend actions

backend actions
  balance roundrobin
  retry-on conn-failure empty-response
  option httpchk GET /health
{servers("actions")}

frontend recommender
  bind 127.0.0.1:{cfg.front_port("recommender")}
  default_backend recommender

backend recommender
  balance roundrobin
  # 503 "database down" is still a live replica: it answers what needs no database.
  option httpchk GET /health
  http-check expect rstatus ^(200|503)$
{servers("recommender")}

frontend console
  bind 127.0.0.1:{cfg.front_port("console")}
  default_backend console

backend console
  option httpchk GET /health
  server console1 127.0.0.1:{shared.console_port} check
"""


def _production_env(cfg: ScaleConfig) -> dict[str, str]:
    """What ``endpoints.production.yml`` reads (docs/CONFIG.md), for this run's stores."""
    pg = urlsplit(ADMIN_PG_URL)
    return {
        "ACTION_SERVER_URL": f"{cfg.front_url('actions')}/webhook",
        "POSTGRES_HOST": pg.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(pg.port or 5432),
        "POSTGRES_DB": cfg.database,
        "POSTGRES_USER": pg.username or "postgres",
        "POSTGRES_PASSWORD": pg.password or "",
        "POSTGRES_LOGIN_DB": "postgres",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(REDIS_PORT),
        "REDIS_PASSWORD": os.environ.get("GENREC_TEST_REDIS_PASSWORD", ""),
        "REDIS_LOCK_DB": os.environ.get("GENREC_TEST_REDIS_DB", "0"),
        "RABBITMQ_HOST": "127.0.0.1",
        "RABBITMQ_PORT": str(RABBITMQ_PORT),
        "RABBITMQ_USER": os.environ.get("GENREC_TEST_RABBITMQ_USER", "guest"),
        "RABBITMQ_PASSWORD": os.environ.get("GENREC_TEST_RABBITMQ_PASSWORD", "guest"),
        "RABBITMQ_QUEUE": cfg.queue,
    }


def _set_arg(cmd: list[str], option: str, value: str) -> None:
    cmd[cmd.index(option) + 1] = value


def build_scale_processes(cfg: ScaleConfig, model: Path) -> dict[str, Process]:
    """Every process of the run by name (``rasa1``, ``actions2``, ``console``...), in start order.

    Each replica is :func:`scripts.stack.build_processes` for its own ports, then pointed at
    the shared stores and at the balancer's frontends.
    """
    prod_env = _production_env(cfg)
    out: dict[str, Process] = {}
    by_tier: dict[str, list[Process]] = {t: [] for t in (*TIERS, "console")}
    for i in range(1, cfg.replicas + 1):
        for proc in build_processes(cfg.replica(i), model):
            if proc.name == "console" and i > 1:
                continue  # one console
            proc.name = f"{proc.name}{i}" if proc.name != "console" else "console"
            by_tier[proc.name.rstrip("0123456789")].append(proc)
    rec_url, act_url = cfg.front_url("recommender"), cfg.front_url("actions")
    for proc in by_tier["recommender"]:
        proc.env.update(
            GENREC_STORE__URL=cfg.pg_url,
            GENREC_STORE__POOL_SIZE="4",
            GENREC_WEB__RASA_URL=cfg.front_url("rasa"),
            GENREC_PRIVACY__CONSOLE_URL=cfg.front_url("console"),
        )
    for proc in by_tier["actions"]:
        proc.env.update(RECOMMENDER_URL=rec_url, CONSOLE_URL=cfg.front_url("console"))
    endpoints = str(PROJECT / "endpoints.production.yml")
    for proc in by_tier["rasa"]:
        proc.env.update(prod_env)
        _set_arg(proc.cmd, "--endpoints", endpoints)
    for proc in by_tier["console"]:
        proc.env.update(
            RASA_URL=cfg.front_url("rasa"),
            CONSOLE_STORE_URL=cfg.pg_url,
            CONSOLE_TRACKER_STORE_URL=cfg.pg_url,
            CONSOLE_RECOMMENDER_URL=rec_url,
        )
    for tier in (*TIERS, "console"):
        for proc in by_tier[tier]:
            out[proc.name] = proc
    assert act_url  # the action servers are reached by Rasa through ACTION_SERVER_URL
    return out


def haproxy_process(cfg: ScaleConfig) -> Process:
    """HAProxy in the foreground (``-db``) on the run's configuration."""
    exe = shutil.which("haproxy") or "/usr/sbin/haproxy"
    path = cfg.state_dir / "haproxy.cfg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(haproxy_config(cfg, cfg.replica(1)), encoding="utf-8")
    return Process(
        "haproxy",
        [exe, "-db", "-f", str(path)],
        cfg.state_dir,
        f"{cfg.front_url('console')}/health",
        dict(os.environ),
        cfg.state_dir / "logs" / "haproxy.log",
    )


def answers(url: str, timeout_s: float) -> bool:
    """``url`` answers 2xx within ``timeout_s``."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as resp:
            return 200 <= resp.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class ScaleStack:
    """A running scaled-out stack: its configuration, processes and balancer."""

    cfg: ScaleConfig
    processes: dict[str, Process]
    balancer: Process

    @property
    def tokens(self) -> StackConfig:
        """The shared secrets (service token, JWT secret...)."""
        return self.cfg.shared

    def restart(self, name: str, timeout_s: float = 600) -> float:
        """Start ``name`` again and wait until it is healthy; returns the seconds it took.

        Under load a Rasa server answers its health check only between two turns, so each
        probe waits up to :data:`PROBE_TIMEOUT_S` (``wait_healthy`` gives up after 2 s).
        """
        proc = self.processes[name]
        t0 = time.monotonic()
        proc.start()
        while not answers(proc.health_url, PROBE_TIMEOUT_S):
            if not proc.alive():
                raise RuntimeError(f"{name} exited during its restart:\n{proc.log_tail()}")
            if time.monotonic() - t0 > timeout_s:
                raise RuntimeError(f"{name} not healthy {timeout_s:.0f}s after its restart")
            time.sleep(0.5)
        return time.monotonic() - t0

    def unhealthy(self) -> list[str]:
        """Names of processes that are dead or fail their health check."""
        procs = [*self.processes.values(), self.balancer]
        return [p.name for p in procs if not (p.alive() and answers(p.health_url, PROBE_TIMEOUT_S))]


@contextmanager
def running_scale_stack(
    cfg: ScaleConfig, model: Path, timeout_s: float = 600
) -> Iterator[ScaleStack]:
    """Create the run's database, start every process and the balancer, yield, clean up."""
    if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
        raise RuntimeError("haproxy is not installed (apt-get install -y haproxy)")
    create_database(cfg)
    processes = build_scale_processes(cfg, model)
    balancer = haproxy_process(cfg)
    started: list[Process] = []
    try:
        balancer.start()
        started.append(balancer)
        # Recommenders first (the actions need them), the Rasa servers one after the other:
        # two model loads at once on two cores take longer than one after the other.
        order = [n for n in processes if n.startswith("recommender")]
        order += [n for n in processes if n.startswith("actions")]
        order += ["console"]
        for name in order:
            processes[name].start()
            started.append(processes[name])
        wait_healthy([processes[n] for n in order], timeout_s)
        for name in (n for n in processes if n.startswith("rasa")):
            processes[name].start()
            started.append(processes[name])
            wait_healthy([processes[name]], timeout_s)
        wait_healthy([balancer], 30)
        yield ScaleStack(cfg, processes, balancer)
    finally:
        for proc in reversed(started):
            proc.stop()
        drop_database(cfg)
        problem = delete_queue(cfg)
        if problem:
            print(f"clean-up: {problem}", flush=True)

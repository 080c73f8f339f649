"""docker/docker-compose.yml wires the console, the action server and Rasa together.

No Docker engine is needed: the compose file is parsed with PyYAML (fixtures in conftest.py)
and checked against the services' own code (the variable names they read) and against each
other (URLs, tokens, the shared spool volume).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from deployfiles import DOCKER, REPO, Dockerfile

REQUIRED = {
    "console": {"CONSOLE_TOKEN", "CONSOLE_HOST", "CONSOLE_STORE_URL", "HANDOFF_SPOOL",
                "RASA_URL", "RASA_JWT_SECRET"},
    "actions": {"RECOMMENDER_URL", "RECOMMENDER_TOKEN", "CONSOLE_URL", "CONSOLE_TOKEN",
                "HANDOFF_SPOOL"},
    "recommender": {"GENREC_SERVER__SERVICE_TOKEN", "GENREC_WEB__SESSION_SECRET"},
    "rasa": {"ACTION_SERVER_URL", "RASA_JWT_SECRET", "POSTGRES_HOST", "GENREC_WEB__SESSION_SECRET"},
}  # fmt: skip
# Where each service reads its environment (a name in the compose file must appear there).
READERS = {"console": ["console/*.py"], "actions": ["actions/**/*.py"]}
_VAR = re.compile(r"\$\{(\w+)(:?[-?][^}]*)?\}")


def _env(compose: dict[str, Any], service: str) -> dict[str, str]:
    env = compose["services"][service].get("environment") or {}
    assert isinstance(env, dict), f"{service}: environment must be a mapping"
    return {k: str(v) for k, v in env.items()}


def _mounts(compose: dict[str, Any], service: str) -> dict[str, str]:
    """Container path -> named volume."""
    out = {}
    for spec in compose["services"][service].get("volumes") or []:
        source, target = spec.split(":")[:2]
        if source in compose.get("volumes", {}):
            out[target] = source
    return out


def _image_of(service: dict[str, Any], dockerfiles: dict[str, Dockerfile]) -> Dockerfile | None:
    build = service.get("build")
    return dockerfiles[build["dockerfile"]] if build else None


@pytest.mark.parametrize("service", sorted(REQUIRED))
def test_every_service_gets_its_required_variables(compose: dict[str, Any], service: str) -> None:
    env = _env(compose, service)
    assert REQUIRED[service] <= set(env), REQUIRED[service] - set(env)
    assert all(env[name] for name in REQUIRED[service])


@pytest.mark.parametrize("service", sorted(READERS))
def test_variable_names_are_ones_the_code_reads(compose: dict[str, Any], service: str) -> None:
    code = "".join(
        p.read_text() for pattern in READERS[service] for p in sorted(REPO.glob(pattern))
    )
    unknown = [k for k in _env(compose, service) if k != "HOME" and f'"{k}"' not in code]
    assert unknown == []


def test_urls_point_at_services_and_their_ports(compose: dict[str, Any]) -> None:
    services = compose["services"]
    console, actions = _env(compose, "console"), _env(compose, "actions")
    url = urlsplit(actions["CONSOLE_URL"])
    assert url.hostname == "console" and url.port == int(console["CONSOLE_PORT"])
    assert console["CONSOLE_HOST"] == "0.0.0.0"  # reachable from the other containers
    rasa = urlsplit(console["RASA_URL"])
    assert rasa.hostname == "rasa" and rasa.port == 5005 and "5005" in services["rasa"]["expose"]
    store = urlsplit(console["CONSOLE_STORE_URL"])
    assert store.scheme == "postgresql" and store.hostname == "postgres"
    assert store.path.lstrip("/") == _env(compose, "postgres")["POSTGRES_DB"]
    assert store.password == "${POSTGRES_PASSWORD}"
    assert "postgres" in services["console"]["depends_on"]


def test_tokens_are_shared(compose: dict[str, Any]) -> None:
    console, actions, rasa = (_env(compose, s) for s in ("console", "actions", "rasa"))
    names = {s: {m.group(1) for m in _VAR.finditer(v)} for s, v in
             [("console", console["CONSOLE_TOKEN"]), ("actions", actions["CONSOLE_TOKEN"]),
              ("rasa_jwt", console["RASA_JWT_SECRET"]), ("rasa", rasa["RASA_JWT_SECRET"])]}  # fmt: skip
    assert names["console"] == names["actions"] == {"CONSOLE_TOKEN"}
    assert names["rasa_jwt"] == names["rasa"] == {"RASA_JWT_SECRET"}
    # Rasa's API takes the console's JWT in a header, never a ?token= query argument.
    command = compose["services"]["rasa"]["command"]
    assert command[command.index("--jwt-secret") + 1] == "${RASA_JWT_SECRET}"
    assert command[command.index("--jwt-method") + 1] == "HS256"
    assert "--auth-token" not in command
    service = _env(compose, "recommender")["GENREC_SERVER__SERVICE_TOKEN"]
    caller = actions["RECOMMENDER_TOKEN"]
    assert {m.group(1) for m in _VAR.finditer(service)} == {"RECOMMENDER_TOKEN"}
    assert {m.group(1) for m in _VAR.finditer(caller)} == {"RECOMMENDER_TOKEN"}


def test_the_spool_is_on_one_volume_for_both_sides(
    compose: dict[str, Any], dockerfiles: dict[str, Dockerfile]
) -> None:
    volumes = []
    for service in ("console", "actions"):
        spool = Path(_env(compose, service)["HANDOFF_SPOOL"])
        volumes.append(_mounts(compose, service).get(str(spool.parent)))
    assert volumes[0] is not None and volumes[0] == volumes[1]
    assert "/var/lib/console" in _mounts(compose, "console")
    # The spool is created with mode 600: both processes must run as the same uid.
    uids = []
    for name in ("console", "actions"):
        service = compose["services"][name]
        image = _image_of(service, dockerfiles)
        assert image is not None
        user = str(service.get("user") or image.user or "0")
        uids.append(int(user.split(":")[0]) if user.split(":")[0].isdigit() else image.uid)
    assert uids[0] == uids[1] != 0


def test_secrets_without_a_default_fail_fast(compose: dict[str, Any]) -> None:
    text = (DOCKER / "docker-compose.yml").read_text()
    required = {m.group(1) for m in _VAR.finditer(text) if (m.group(2) or "").startswith(":?")}
    bare = {m.group(1) for m in _VAR.finditer(text) if not m.group(2)}
    assert bare <= required, bare - required


def test_dependencies_and_builds_exist(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        assert set(service.get("depends_on") or []) <= set(services), name
        build = service.get("build")
        if build:
            assert (REPO / build["dockerfile"]).is_file(), name
    console_image = (DOCKER / "console.Dockerfile").read_text()
    assert "COPY console ./console" in console_image
    assert re.search(r'CMD \["python", "-m", "console"\]', console_image)


def test_rasa_scales_behind_one_published_port(compose: dict[str, Any]) -> None:
    # `--scale rasa=2` fails when a replica publishes a fixed host port: only the front does.
    services = compose["services"]
    assert "ports" not in services["rasa"] and "ports" not in services["actions"]
    front = services["front"]
    assert front["ports"] == ["5005:5005"] and "rasa" in front["depends_on"]
    source, target = front["volumes"][0].split(":")[:2]
    conf = (DOCKER / source).read_text()
    assert target == "/etc/nginx/conf.d/default.conf"
    assert re.search(r"upstream \w+ \{\s*ip_hash;\s*server rasa:5005;", conf)  # sticky
    assert "listen 5005;" in conf and "proxy_set_header Upgrade $http_upgrade;" in conf
    published = [p.split(":")[0] for s in services.values() for p in s.get("ports") or []]
    assert len(published) == len(set(published))


def test_the_rasa_image_trains_with_the_domain_folder() -> None:
    dockerfile = (DOCKER / "rasa.Dockerfile").read_text()
    train = next(
        line for line in dockerfile.splitlines() if line.startswith("RUN") and "rasa train" in line
    )
    assert "--domain domain" in train and (REPO / "rasa_project" / "domain").is_dir()

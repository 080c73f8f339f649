"""docker/docker-compose.yml wires the console, the action server and Rasa together, and is
fit for production: health checks, restart policies, start order by health, no credential
in the files, one least-privilege database role per service.

No Docker engine is needed: the compose file is parsed with PyYAML (fixtures in conftest.py)
and checked against the services' own code (the variable names they read), against each
other (URLs, tokens, the shared spool volume) and against docker/postgres-init.sh and
docker/.env.example.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from deployfiles import DOCKER, REPO, Dockerfile

REQUIRED = {
    "console": {"CONSOLE_TOKEN", "CONSOLE_HOST", "CONSOLE_STORE_URL", "HANDOFF_SPOOL",
                "RASA_URL", "RASA_JWT_SECRET", "CONSOLE_TRACKER_STORE_URL"},
    "actions": {"RECOMMENDER_URL", "RECOMMENDER_TOKEN", "CONSOLE_URL", "CONSOLE_TOKEN",
                "HANDOFF_SPOOL"},
    "recommender": {"GENREC_SERVER__SERVICE_TOKEN", "GENREC_WEB__SESSION_SECRET",
                    "GENREC_STORE__URL"},
    "rasa": {"ACTION_SERVER_URL", "RASA_JWT_SECRET", "POSTGRES_HOST", "GENREC_WEB__SESSION_SECRET"},
}  # fmt: skip
# Where each service reads its environment (a name in the compose file must appear there).
READERS = {"console": ["console/*.py"], "actions": ["actions/**/*.py"]}
_VAR = re.compile(r"\$\{(\w+)(:?[-?][^}]*)?\}")
# Names of values that are credentials: they may only come from the environment.
_SECRET_NAME = re.compile(r"PASS|SECRET|TOKEN|AUTH|KEY|CREDENTIAL", re.IGNORECASE)
# Command-line options followed by a credential.
_SECRET_FLAGS = {"--requirepass", "--jwt-secret", "--auth-token", "--password", "-a"}
RESTART_POLICIES = re.compile(r"unless-stopped|on-failure(:\d+)?")


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


def _plain(value: str) -> str:
    """``value`` with each ``${VAR...}`` reference replaced by ``VAR_<name>``, so a URL whose
    password is ``${X:?set X in .env}`` still parses."""
    return _VAR.sub(lambda m: f"VAR_{m.group(1)}", value)


def _ref(value: str) -> str | None:
    """The variable when ``value`` is exactly one required or bare ``${VAR}`` reference."""
    m = _VAR.fullmatch(value)
    if m and (not m.group(2) or m.group(2).startswith(":?")):
        return m.group(1)
    return None


def _command(service: dict[str, Any]) -> list[str]:
    command = service.get("command") or []
    return command.split() if isinstance(command, str) else [str(a) for a in command]


def _healthcheck(service: dict[str, Any]) -> list[str]:
    test = (service.get("healthcheck") or {}).get("test") or []
    return test.split() if isinstance(test, str) else [str(a) for a in test]


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
    store = urlsplit(_plain(console["CONSOLE_STORE_URL"]))
    assert store.scheme == "postgresql" and store.hostname == "postgres" and store.port == 5432
    assert "postgres" in services["console"]["depends_on"]
    recommender = urlsplit(_env(compose, "recommender")["GENREC_PRIVACY__CONSOLE_URL"])
    assert recommender.hostname == "console" and recommender.port == int(console["CONSOLE_PORT"])
    analytics = urlsplit(console["CONSOLE_RECOMMENDER_URL"])
    assert analytics.hostname == "recommender" and analytics.port == 8000


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
    recommender = _env(compose, "recommender")
    assert _ref(recommender["GENREC_SERVER__ADMIN_TOKEN"]) == _ref(
        console["CONSOLE_RECOMMENDER_TOKEN"]
    )
    assert _ref(recommender["GENREC_PRIVACY__CONSOLE_TOKEN"]) == "CONSOLE_TOKEN"


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


# --- Production properties ----------------------------------------------------------------


def test_every_service_has_a_healthcheck_and_a_restart_policy(
    compose: dict[str, Any], dockerfiles: dict[str, Dockerfile]
) -> None:
    for name, service in compose["services"].items():
        check = service.get("healthcheck") or {}
        assert not check.get("disable"), name
        image = _image_of(service, dockerfiles)
        # A built service may rely on its image's HEALTHCHECK (tests/docker/test_dockerfiles.py).
        assert _healthcheck(service) or (image is not None and image.args("HEALTHCHECK")), name
        assert RESTART_POLICIES.fullmatch(str(service.get("restart", ""))), name


def test_stock_images_are_checked_with_their_own_tools(compose: dict[str, Any]) -> None:
    services = compose["services"]
    # Over TCP: during its first-start scripts the server listens on the socket only.
    postgres = _healthcheck(services["postgres"])
    assert "pg_isready" in postgres and "-h" in postgres
    redis = _healthcheck(services["redis"])
    assert any("redis-cli" in a and "ping" in a for a in redis), redis
    assert "REDISCLI_AUTH" in _env(compose, "redis") or "-a" in " ".join(redis).split()
    rabbit = _healthcheck(services["rabbitmq"])
    assert "rabbitmq-diagnostics" in rabbit and "ping" in rabbit
    # front: the nginx image has curl; the path is answered by nginx itself.
    front = _healthcheck(services["front"])
    assert "curl" in front
    path = urlsplit(next(a for a in front if a.startswith("http"))).path
    conf = (DOCKER / "nginx.conf").read_text()
    assert re.search(rf"location = {re.escape(path)} \{{[^}}]*return 200", conf)


def test_the_action_server_is_checked_on_its_own_port(compose: dict[str, Any]) -> None:
    # The rasa image checks Rasa's port; the action server (same image) overrides it.
    url = next(a for a in _healthcheck(compose["services"]["actions"]) if "http://" in a)
    checked = urlsplit(re.search(r"http://[^'\"]+", url).group(0))  # type: ignore[union-attr]
    served = urlsplit(_env(compose, "rasa")["ACTION_SERVER_URL"])
    assert checked.port == served.port and checked.path == "/health"


def test_services_start_after_their_dependencies_are_healthy(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on needs conditions"
        for dependency, spec in depends.items():
            assert spec == {"condition": "service_healthy"}, (name, dependency)
    needs = {
        "recommender": {"postgres"},
        "console": {"postgres"},
        "actions": {"recommender", "console"},
        "rasa": {"actions", "postgres", "redis", "rabbitmq"},
        "front": {"rasa"},
    }
    for name, wanted in needs.items():
        assert wanted <= set(services[name].get("depends_on") or {}), name


def test_no_credential_is_written_in_the_compose_file(compose: dict[str, Any]) -> None:
    text = (DOCKER / "docker-compose.yml").read_text()
    assert not re.search(r"\bguest\b", text, re.IGNORECASE)
    assert "postgres:postgres" not in text
    # No default value for a credential: `${X_PASSWORD:-secret}` is a literal password.
    for m in _VAR.finditer(text):
        if _SECRET_NAME.search(m.group(1)) and (m.group(2) or "").startswith(":-"):
            assert m.group(2) == ":-", m.group(0)
    for name, service in compose["services"].items():
        for key, value in _env(compose, name).items():
            if _SECRET_NAME.search(key):
                assert _ref(value) or value == f"${{{key}:-}}", f"{name}: {key}={value!r}"
            for m in re.finditer(r"\w+://([^/@\s]*)@", _plain(value)):
                password = m.group(1).partition(":")[2]
                assert re.fullmatch(r"VAR_\w+", password), f"{name}: {key}"
        for args in (_command(service), _healthcheck(service)):
            for flag, value in itertools.pairwise(args):
                if flag in _SECRET_FLAGS:
                    assert _ref(value), f"{name}: {flag} {value!r}"


def test_secrets_are_documented_in_the_env_example() -> None:
    text = (DOCKER / "docker-compose.yml").read_text()
    required = {m.group(1) for m in _VAR.finditer(text) if (m.group(2) or "").startswith(":?")}
    used = {m.group(1) for m in _VAR.finditer(text)}
    example: dict[str, str] = {}
    for line in (DOCKER / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep and key not in example, line
            example[key.strip()] = value.strip()
    assert required <= set(example), required - set(example)
    assert set(example) <= used, set(example) - used
    # Placeholders only: an empty value stops compose until someone fills it in.
    assert {k: v for k, v in example.items() if v} == {}
    assert "docker/.env" in (REPO / ".gitignore").read_text().split()


def _init_script() -> str:
    return (DOCKER / "postgres-init.sh").read_text()


def _owners() -> dict[str, str]:
    """Database -> owning role, from docker/postgres-init.sh."""
    return dict(re.findall(r"CREATE DATABASE (\w+) OWNER (\w+);", _init_script()))


def test_the_database_has_one_least_privilege_role_per_service(compose: dict[str, Any]) -> None:
    script = _init_script()
    postgres = compose["services"]["postgres"]
    mounts = [v.split(":") for v in postgres["volumes"]]
    assert any(
        (DOCKER / src).resolve() == DOCKER / "postgres-init.sh"
        and dst.startswith("/docker-entrypoint-initdb.d/")
        for src, dst, *_ in mounts
    )
    roles = re.findall(r"CREATE ROLE (\w+) ([^;]*);", script)
    assert {r for r, _ in roles} == {"rasa", "recommender", "console"}
    for role, options in roles:
        assert "LOGIN" in options and "NOSUPERUSER" in options and "NOCREATEDB" in options
        # The password comes from the environment through a psql variable, never the file.
        variable = re.search(r"PASSWORD :'(\w+)'", options)
        assert variable, role
        passed = re.search(rf'-v {variable.group(1)}="\$(\w+)"', script)
        assert passed, role
        assert _ref(_env(compose, "postgres")[passed.group(1)]) == passed.group(1)
    assert set(_owners().values()) == {r for r, _ in roles}
    assert re.search(r"REVOKE ALL ON DATABASE [^;]*\bpostgres\b[^;]* FROM PUBLIC;", script)


def test_each_service_uses_its_own_database_role(compose: dict[str, Any]) -> None:
    script, owners = _init_script(), _owners()
    grants = set(re.findall(r"GRANT CONNECT ON DATABASE (\w+) TO (\w+);", script))
    urls = 0
    for name in compose["services"]:
        if name == "postgres":
            continue
        env = _env(compose, name)
        # The superuser's password is for docker/postgres-init.sh only.
        assert not any("VAR_POSTGRES_PASSWORD" in _plain(v) for v in env.values()), name
        for key, value in env.items():
            url = urlsplit(_plain(value))
            if url.scheme not in ("postgresql", "postgres"):
                continue
            urls += 1
            db = url.path.lstrip("/")
            assert url.username == name, f"{name}: {key} logs in as {url.username}"
            assert url.password == f"VAR_{name.upper()}_DB_PASSWORD", f"{name}: {key}"
            assert owners.get(db) == name or (db, name) in grants, f"{name}: {key} -> {db}"
    assert urls == 3  # recommender store, console store, console's view of Rasa's tracker
    rasa = _env(compose, "rasa")
    assert rasa["POSTGRES_USER"] == "rasa" and owners[rasa["POSTGRES_DB"]] == "rasa"
    assert _ref(rasa["POSTGRES_PASSWORD"]) == "RASA_DB_PASSWORD"
    # login_db = its own database: Rasa finds it and never needs CREATE DATABASE.
    assert rasa["POSTGRES_LOGIN_DB"] == rasa["POSTGRES_DB"]
    # The console reads and deletes Rasa's conversations (review, forget/purge), no more.
    assert re.search(
        r"ALTER DEFAULT PRIVILEGES FOR ROLE rasa IN SCHEMA public GRANT SELECT, DELETE ON TABLES "
        r"TO console;",
        script,
    )


def test_broker_and_lock_store_take_the_same_credentials(compose: dict[str, Any]) -> None:
    rasa = _env(compose, "rasa")
    redis = compose["services"]["redis"]
    command = _command(redis)
    password = command[command.index("--requirepass") + 1]
    assert _ref(password) == _ref(rasa["REDIS_PASSWORD"]) == "REDIS_PASSWORD"
    rabbit = _env(compose, "rabbitmq")
    assert _ref(rabbit["RABBITMQ_DEFAULT_USER"]) == _ref(rasa["RABBITMQ_USER"])
    assert _ref(rabbit["RABBITMQ_DEFAULT_PASS"]) == _ref(rasa["RABBITMQ_PASSWORD"])
    assert _ref(rasa["RABBITMQ_USER"]) and _ref(rasa["RABBITMQ_PASSWORD"])


def test_rasa_gets_every_variable_its_production_files_name(compose: dict[str, Any]) -> None:
    # Rasa stops at start when a ${VAR} of its endpoints or credentials file is unset.
    env = _env(compose, "rasa")
    command = _command(compose["services"]["rasa"])
    for option in ("--endpoints", "--credentials"):
        text = (REPO / "rasa_project" / command[command.index(option) + 1]).read_text()
        text = re.sub(r"#.*", "", text)  # the files' comments name ${VAR} itself
        names = {m.group(1) for m in _VAR.finditer(text)}
        assert names and names <= set(env), names - set(env)


def test_recommender_settings_are_keys_it_knows(compose: dict[str, Any]) -> None:
    from recommender.config import load_config

    env = {k: _plain(v) for k, v in _env(compose, "recommender").items()}
    source, target = compose["services"]["recommender"]["volumes"][0].split(":")[:2]
    command = _command(compose["services"]["recommender"]) or ["--config", target]
    assert command[command.index("--config") + 1] == target
    config = load_config(DOCKER / source, env=env)  # unknown keys raise
    assert config.store.url.startswith("postgresql://") and config.server.host == "0.0.0.0"
    state = [v.split(":")[1] for v in compose["services"]["recommender"]["volumes"][1:]]
    for path in (config.embeddings.cache_dir, config.ranking.model_dir):
        assert any(path.startswith(s + "/") for s in state), path

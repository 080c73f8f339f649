"""The images (docker/*.Dockerfile) run as a non-root user, on files they cannot change, with
a HEALTHCHECK that works with what the image has. Parsed, not built (conftest.py)."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any
from urllib.parse import urlsplit

import yaml
from deployfiles import DOCKER, REPO, Dockerfile

# Where each image's health route is registered (Rasa's own `/` is not in this repository).
HEALTH_ROUTES = {
    "docker/recommender.Dockerfile": "recommender/api/server.py",
    "docker/console.Dockerfile": "console/routes.py",
}
# Tools the python:*-slim bases do not have.
MISSING_TOOLS = {"curl", "wget", "nc"}


def _exec_form(args: str) -> list[str]:
    """``CMD ["a", "b"]`` of a HEALTHCHECK (its options stripped) as a list."""
    command = re.sub(r"^(--[\w-]+=\S+\s+)*", "", args)
    assert command.startswith("CMD "), args
    body = command[4:].strip()
    if body.startswith("["):
        return [str(a) for a in json.loads(body)]
    return shlex.split(body)


def _health_url(image: Dockerfile) -> Any:
    (check,) = image.args("HEALTHCHECK")
    argv = _exec_form(check)
    url = re.search(r"http://[^'\" ]+", " ".join(argv))
    assert url, check
    return urlsplit(url.group(0))


def test_every_image_runs_as_a_user_that_is_not_root(dockerfiles: dict[str, Dockerfile]) -> None:
    for path, image in dockerfiles.items():
        assert image.user, f"{path}: no USER (runs as root)"
        assert image.user.split(":")[0] not in ("root", "0"), path
        assert image.uid != 0, path
        if ":" in image.user:
            assert image.user.split(":")[1] not in ("root", "0"), path
        # Nothing runs as root after the switch, and the container starts after it.
        last_user = image.index("USER")[-1]
        assert all(n < last_user for n in image.index("RUN")), path
        assert all(n > last_user for n in image.index("CMD")), path


def test_every_image_has_a_user_with_a_fixed_uid(dockerfiles: dict[str, Dockerfile]) -> None:
    for path, image in dockerfiles.items():
        runs = " ".join(image.args("RUN"))
        assert re.search(rf"useradd\b[^&;]*--uid {image.uid}\b", runs), path
        assert "--shell /usr/sbin/nologin" in runs, path


def test_the_code_belongs_to_root(dockerfiles: dict[str, Dockerfile]) -> None:
    # Files the user may not change: no --chown on a copy, only state directories handed over.
    for path, image in dockerfiles.items():
        for copy in image.args("COPY") + image.args("ADD"):
            assert "--chown" not in copy and "--chmod" not in copy, f"{path}: {copy}"
        for directory in image.writable_dirs():
            assert directory.startswith(("/var/lib/", "/home/")), f"{path}: {directory}"
            assert not directory.startswith("/app"), path


def test_the_volumes_of_each_service_are_writable_by_its_user(
    compose: dict[str, Any], dockerfiles: dict[str, Dockerfile]
) -> None:
    # A new named volume takes the owner of its directory in the image: make it the user's.
    for name, service in compose["services"].items():
        build = service.get("build")
        if not build:
            continue
        image = dockerfiles[build["dockerfile"]]
        for spec in service.get("volumes") or []:
            source, target = spec.split(":")[:2]
            if source in compose.get("volumes", {}):
                assert target in image.writable_dirs(), f"{name}: {target}"


def test_every_image_has_a_healthcheck_it_can_run(dockerfiles: dict[str, Dockerfile]) -> None:
    for path, image in dockerfiles.items():
        checks = image.args("HEALTHCHECK")
        assert len(checks) == 1 and checks[0].strip().upper() != "NONE", path
        argv = _exec_form(checks[0])
        # python:*-slim has python, not curl or wget.
        assert argv[0] == "python" and "urllib.request" in " ".join(argv), path
        assert not MISSING_TOOLS & set(argv), path
        assert "--start-period=" in checks[0] and "--timeout=" in checks[0], path
        url = _health_url(image)
        assert url.hostname == "127.0.0.1", path
        exposed = {int(p) for e in image.args("EXPOSE") for p in e.split()}
        assert url.port in exposed, path
        if path in HEALTH_ROUTES:
            code = (REPO / HEALTH_ROUTES[path]).read_text()
            assert f'add_get("{url.path}"' in code, f"{path}: no route {url.path}"


def test_healthchecks_ask_the_port_each_service_listens_on(
    compose: dict[str, Any], dockerfiles: dict[str, Dockerfile]
) -> None:
    services = compose["services"]
    recommender = _health_url(dockerfiles["docker/recommender.Dockerfile"])
    config = yaml.safe_load((DOCKER / "recommender.yml").read_text())
    assert recommender.port == config["server"]["port"]
    assert recommender.port == urlsplit(services["actions"]["environment"]["RECOMMENDER_URL"]).port
    console = _health_url(dockerfiles["docker/console.Dockerfile"])
    assert console.port == int(services["console"]["environment"]["CONSOLE_PORT"])
    rasa = _health_url(dockerfiles["docker/rasa.Dockerfile"])
    assert rasa.port == urlsplit(services["console"]["environment"]["RASA_URL"]).port
    assert rasa.path == "/"  # answers without a token (/status needs Rasa's JWT)

"""The files in deploy/ agree with the code and with each other.

No container engine or cluster is needed: the Dockerfile, compose.yaml and the Kubernetes
manifests are parsed and checked against the services themselves (modules, settings fields) and
against the fixed facts (ports, health paths, commands, schedules), so they cannot drift apart.
"""

from __future__ import annotations

import base64
import importlib
import importlib.util
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from services.actions_api.settings import ActionsSettings
from services.common.settings import ServiceSettings
from services.feedback_api.settings import FeedbackSettings
from services.portal.settings import PLACEHOLDER_SECRETS, PortalSettings

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"


@dataclass(frozen=True)
class Service:
    name: str  # the short name: tokens, key files, schema, migrations
    package: str  # services.<package>
    port: int
    image: str  # image name, and (without "heard-") the Dockerfile target
    settings: type[ServiceSettings]
    trusts: tuple[str, ...]  # issuers whose tokens it accepts

    @property
    def target(self) -> str:
        return self.image.removeprefix("heard-")

    @property
    def prefix(self) -> str:
        return str(self.settings.model_config["env_prefix"])

    @property
    def web_command(self) -> list[str]:
        return [
            "uvicorn", "--factory", f"services.{self.package}.app:create_app",
            "--host", "0.0.0.0", "--port", str(self.port),  # noqa: S104 - inside a container
        ]  # fmt: skip

    @property
    def worker_command(self) -> list[str]:
        return ["python", "-m", f"services.{self.package}.worker"]

    @property
    def migrate_command(self) -> list[str]:
        return ["python", "-m", "services.common.migrate", "upgrade", self.name]


SERVICES = (
    Service("portal", "portal", 8000, "heard-portal", PortalSettings, ("feedback", "actions")),
    Service("feedback", "feedback_api", 8001, "heard-feedback-api", FeedbackSettings,
            ("portal", "actions")),
    Service("actions", "actions_api", 8002, "heard-actions-api", ActionsSettings,
            ("portal", "feedback")),
)  # fmt: skip
BY_NAME = {s.name: s for s in SERVICES}
BY_PACKAGE = {s.package: s for s in SERVICES}
BY_IMAGE = {s.image: s for s in SERVICES}

# Scheduled work: (service, task) -> the cron schedule it must have, or None for "daily".
SCHEDULES = {
    ("feedback", "purge-idempotency"): None,
    ("actions", "escalate-overdue"): "0 7 * * *",
    ("actions", "quarter-snapshot"): "0 1 1 1,4,7,10 *",
    ("portal", "purge-sessions"): "0 * * * *",
}

# Settings that name another service's address, and which service that must be.
URL_SETTINGS = {
    "FEEDBACK_API_URL": "feedback",
    "ACTIONS_API_URL": "actions",
    "PORTAL_URL": "portal",
}

PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
HEARD_VAR = re.compile(r"\bHEARD_[A-Z0-9_]+")
PLACEHOLDER = "REPLACE_ME"


# --- Reading the files ------------------------------------------------------------------------


def yaml_files() -> list[Path]:
    return sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])


def manifest_files() -> list[Path]:
    return sorted(
        p for p in [*KUBERNETES.glob("*.yaml"), *KUBERNETES.glob("*.yml")]
        if p.name not in ("kustomization.yaml", "kustomization.yml")
    )  # fmt: skip


@cache
def load_documents(path: Path) -> tuple[Any, ...]:
    with path.open() as handle:
        return tuple(doc for doc in yaml.safe_load_all(handle) if doc is not None)


def manifests() -> list[dict[str, Any]]:
    return [doc for path in manifest_files() for doc in load_documents(path)]


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in manifests() if doc.get("kind") == kind]


def compose() -> dict[str, Any]:
    (document,) = load_documents(COMPOSE)
    return document


def compose_services() -> dict[str, dict[str, Any]]:
    return compose()["services"]


def env_mapping(environment: Any) -> dict[str, str]:
    """A compose `environment` (mapping or list of KEY=value) as a mapping."""
    if environment is None:
        return {}
    if isinstance(environment, dict):
        return {str(k): "" if v is None else str(v) for k, v in environment.items()}
    return dict(item.partition("=")[::2] for item in environment)


def argvs(command: Any) -> list[list[str]]:
    """The argv lists a command runs; a `sh -c` script gives one per command in it."""
    if not command:
        return []
    argv = shlex.split(command) if isinstance(command, str) else [str(a) for a in command]
    if len(argv) >= 3 and Path(argv[0]).name in ("sh", "bash") and argv[1] == "-c":
        return [shlex.split(part) for part in re.split(r"&&|\|\||;", argv[2]) if part.strip()]
    return [argv]


def module_refs(argv: list[str]) -> list[tuple[str, str | None]]:
    """(module, attribute) named by a command: `-m module` and `package.module:attribute`."""
    refs: list[tuple[str, str | None]] = []
    for index, token in enumerate(argv):
        if token == "-m" and index + 1 < len(argv):
            refs.append((argv[index + 1], None))
        elif match := re.fullmatch(r"(services(?:\.\w+)+):(\w+)", token):
            refs.append((match[1], match[2]))
    return refs


def option(argv: list[str], name: str) -> str | None:
    for index, token in enumerate(argv):
        if token == name and index + 1 < len(argv):
            return argv[index + 1]
        if token.startswith(name + "="):
            return token.split("=", 1)[1]
    return None


def runs_service(argv: list[str]) -> Service | None:
    """The service whose code a command runs (services.<package>...), if any."""
    for module, _ in module_refs(argv):
        parts = module.split(".")
        if len(parts) > 1 and parts[0] == "services" and parts[1] in BY_PACKAGE:
            return BY_PACKAGE[parts[1]]
    return None


# Dockerfile: stages, with their instructions (continuations joined, comments dropped).


@dataclass
class Stage:
    name: str | None
    base: str
    instructions: list[tuple[str, str]]


@cache
def dockerfile() -> tuple[dict[str, str], list[Stage]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        keyword, rest = keyword.upper(), rest.strip()
        if keyword == "FROM":
            words = [w for w in rest.split() if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(name, words[0], []))
        elif not stages and keyword == "ARG":
            arg, _, default = rest.partition("=")
            global_args[arg] = default
        else:
            stages[-1].instructions.append((keyword, rest))
    return global_args, stages


def stage(name: str) -> Stage:
    _, stages = dockerfile()
    found = [s for s in stages if s.name == name]
    assert found, f"the Dockerfile has no stage named {name!r}"
    return found[0]


def stage_chain(name: str) -> list[Stage]:
    """The stage and the stages it is built on, base first."""
    chain = [stage(name)]
    names = {s.name for s in dockerfile()[1]}
    while chain[0].base in names:
        chain.insert(0, stage(chain[0].base))
    return chain


def effective(name: str, keyword: str) -> str | None:
    """The value of the last `keyword` instruction a target inherits or sets."""
    value = None
    for each in stage_chain(name):
        for kw, rest in each.instructions:
            if kw == keyword:
                value = rest
    return value


def dockerfile_cmd(target: str) -> list[str]:
    cmd = effective(target, "CMD")
    assert cmd, f"target {target} has no CMD"
    return json.loads(cmd)


# Kubernetes: the pod specs and containers of every workload.


def pod_specs() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for doc in manifests():
        kind, spec = doc.get("kind"), doc.get("spec", {})
        if kind in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
            yield doc, spec["template"]["spec"]
        elif kind == "CronJob":
            yield doc, spec["jobTemplate"]["spec"]["template"]["spec"]


def containers() -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    for doc, pod in pod_specs():
        for container in [*pod.get("initContainers", []), *pod["containers"]]:
            yield doc, pod, container


def container_argvs(container: dict[str, Any]) -> list[list[str]]:
    return argvs([*container.get("command", []), *container.get("args", [])])


def image_service(image: str) -> Service | None:
    name = image.rsplit("/", 1)[-1].split("@")[0].split(":")[0]
    return BY_IMAGE.get(name)


def config_keys(kind: str, name: str) -> set[str]:
    for doc in of_kind(kind):
        if doc["metadata"]["name"] == name:
            return set(doc.get("data") or {}) | set(doc.get("stringData") or {})
    raise AssertionError(f"no {kind} named {name!r} in deploy/kubernetes")


def config_value(kind: str, name: str, key: str) -> str | None:
    for doc in of_kind(kind):
        if doc["metadata"]["name"] == name:
            if key in (doc.get("stringData") or {}):
                return str(doc["stringData"][key])
            if key in (doc.get("data") or {}):
                value = doc["data"][key]
                return base64.b64decode(value).decode() if kind == "Secret" else str(value)
    return None


def container_env(container: dict[str, Any]) -> dict[str, str | None]:
    """Every variable a container is given: env, then envFrom ConfigMaps and Secrets."""
    found: dict[str, str | None] = {}
    for source in container.get("envFrom", []):
        for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if ref in source:
                name = source[ref]["name"]
                for key in config_keys(kind, name):
                    found[key] = config_value(kind, name, key)
    for item in container.get("env", []):
        found[item["name"]] = item.get("value")
    return found


def projected_files(pod: dict[str, Any], volume_name: str) -> dict[str, tuple[str, str]]:
    """File name -> (kind, object name) for a projected, Secret or ConfigMap volume."""
    (volume,) = [v for v in pod.get("volumes", []) if v["name"] == volume_name]
    sources = volume.get("projected", {}).get("sources", [])
    if "secret" in volume:
        sources = [{"secret": {**volume["secret"], "name": volume["secret"]["secretName"]}}]
    if "configMap" in volume:
        sources = [{"configMap": volume["configMap"]}]
    files: dict[str, tuple[str, str]] = {}
    for source in sources:
        for key, kind in (("secret", "Secret"), ("configMap", "ConfigMap")):
            if key not in source:
                continue
            name = source[key]["name"]
            items = source[key].get("items")
            keys = [(i["key"], i["path"]) for i in items] if items else [
                (k, k) for k in config_keys(kind, name)
            ]  # fmt: skip
            for key_name, path in keys:
                assert key_name in config_keys(kind, name), f"{kind} {name} has no {key_name}"
                files[path] = (kind, name)
    return files


# Every command in deploy/, with where it comes from.


def all_commands() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    # A missing target fails test_dockerfile_stages; skipping it here keeps collection working.
    targets = {s.name for s in dockerfile()[1]}
    for target in (s.target for s in SERVICES if s.target in targets):
        found += [(f"Dockerfile target {target}", a) for a in argvs(dockerfile_cmd(target))]
    for name, service in compose_services().items():
        found += [(f"compose service {name}", a) for a in argvs(service.get("command"))]
    for doc, _, container in containers():
        where = f"{doc['kind']} {doc['metadata']['name']}"
        found += [(where, a) for a in container_argvs(container)]
    return found


def settings_variables() -> set[str]:
    """Every HEARD_* variable the settings classes read."""
    return {
        service.prefix + field.upper()
        for service in SERVICES
        for field in service.settings.model_fields
        if field != "service_name"  # fixed per class; never configured
    }


# --- YAML and Kustomize -----------------------------------------------------------------------


def test_there_are_yaml_files() -> None:
    assert COMPOSE in yaml_files()
    assert len(manifest_files()) >= 5


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_yaml_parses(path: Path) -> None:
    documents = load_documents(path)
    assert documents, f"{path} holds no YAML document"
    for document in documents:
        assert isinstance(document, dict), f"{path}: a document is not a mapping"
        if path.parent == KUBERNETES and path.stem != "kustomization":
            assert {"apiVersion", "kind", "metadata"} <= document.keys(), path
            assert document["metadata"].get("name"), f"{path}: a {document['kind']} has no name"


def test_kustomization_lists_every_manifest() -> None:
    (kustomization,) = load_documents(KUBERNETES / "kustomization.yaml")
    listed = kustomization.get("resources", [])
    assert len(listed) == len(set(listed)), "a resource is listed twice"
    for resource in listed:
        assert (KUBERNETES / resource).is_file(), f"kustomization lists missing {resource}"
    assert set(listed) == {p.name for p in manifest_files()}


def test_kustomization_names_every_image() -> None:
    (kustomization,) = load_documents(KUBERNETES / "kustomization.yaml")
    names = {entry["name"] for entry in kustomization.get("images", [])}
    used = {container["image"] for _, _, container in containers()}
    assert used <= names, f"images without an entry in kustomization.yaml: {used - names}"
    assert names == {s.image for s in SERVICES}


def test_object_names_are_unique() -> None:
    keys = [(d["kind"], d["metadata"]["name"]) for d in manifests()]
    assert len(keys) == len(set(keys))
    namespaces = {d["metadata"].get("namespace") for d in manifests() if d["kind"] != "Namespace"}
    declared = {d["metadata"]["name"] for d in of_kind("Namespace")}
    assert namespaces <= declared, "an object names a namespace that is not declared"


# --- Commands and modules ---------------------------------------------------------------------


def referenced_modules() -> list[tuple[str, str | None]]:
    return sorted({ref for _, argv in all_commands() for ref in module_refs(argv)}, key=str)


def test_commands_name_modules() -> None:
    modules = {module for module, _ in referenced_modules()}
    for service in SERVICES:
        assert f"services.{service.package}.app" in modules
        assert f"services.{service.package}.worker" in modules
    assert "services.common.migrate" in modules
    assert "services.common.keys" in modules


@pytest.mark.parametrize(("module", "attribute"), referenced_modules(), ids=lambda v: v or "-")
def test_command_module_exists(module: str, attribute: str | None) -> None:
    assert importlib.util.find_spec(module) is not None, f"no module {module}"
    if attribute:
        loaded = importlib.import_module(module)
        assert callable(getattr(loaded, attribute, None)), f"{module} has no {attribute}()"


def test_scheduled_tasks_exist_in_their_worker() -> None:
    """`worker schedule <task>`: the worker knows the task (its SCHEDULES, else its code)."""
    missing = set()
    for where, argv in all_commands():
        if "schedule" not in argv or (service := runs_service(argv)) is None:
            continue
        task = argv[argv.index("schedule") + 1]
        worker = importlib.import_module(f"services.{service.package}.worker")
        if hasattr(worker, "SCHEDULES"):
            known = task in worker.SCHEDULES
        else:
            package = REPO_ROOT / "services" / service.package
            source = "\n".join(p.read_text() for p in package.rglob("*.py"))
            known = task in source or task.replace("-", "_") in source
        if not known:
            missing.add(f"{where}: services.{service.package}.worker has no schedule {task!r}")
    assert not missing, sorted(missing)


def test_dockerfile_targets_run_the_web_services() -> None:
    for service in SERVICES:
        assert dockerfile_cmd(service.target) == service.web_command


def test_compose_runs_every_process() -> None:
    commands = [a for s in compose_services().values() for a in argvs(s.get("command"))]
    for service in SERVICES:
        assert service.web_command in commands
        assert service.worker_command in commands
        assert service.migrate_command in commands
    assert any(module_refs(a) == [("services.common.keys", None)] for a in commands)


def test_kubernetes_runs_every_process() -> None:
    commands = [a for _, _, c in containers() for a in container_argvs(c)]
    for service in SERVICES:
        assert commands.count(service.web_command) == 1, service.name
        assert commands.count(service.worker_command) == 1, service.name
        assert service.migrate_command in commands
    for name, task in SCHEDULES:
        assert [*BY_NAME[name].worker_command, "schedule", task] in commands, task


def test_each_process_runs_in_its_own_services_image() -> None:
    for doc, _, container in containers():
        image = image_service(container["image"])
        assert image, f"{doc['metadata']['name']}: unknown image {container['image']}"
        for argv in container_argvs(container):
            service = runs_service(argv)
            assert service in (None, image), f"{doc['metadata']['name']} runs {argv} in {image}"
    for name, spec in compose_services().items():
        if "build" not in spec:
            continue
        assert spec["image"].split(":")[0] == f"heard-{spec['build']['target']}", name
        image = BY_IMAGE[f"heard-{spec['build']['target']}"]
        for argv in argvs(spec.get("command")):
            assert runs_service(argv) in (None, image), f"compose {name} runs {argv} in {image}"


def test_cronjob_schedules() -> None:
    seen = set()
    for cron in of_kind("CronJob"):
        pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        (argv,) = container_argvs(pod["containers"][0])
        service = runs_service(argv)
        assert service and argv[-2] == "schedule", cron["metadata"]["name"]
        key = (service.name, argv[-1])
        assert key in SCHEDULES, f"unexpected scheduled task {key}"
        schedule = cron["spec"]["schedule"]
        if SCHEDULES[key]:
            assert schedule == SCHEDULES[key], key
        else:  # daily: one fixed minute and hour, every day
            minute, hour, *rest = schedule.split()
            assert minute.isdigit() and hour.isdigit() and rest == ["*", "*", "*"], key
        assert cron["spec"].get("concurrencyPolicy") == "Forbid"
        seen.add(key)
    assert seen == set(SCHEDULES)


# --- Ports and probes -------------------------------------------------------------------------


def test_dockerfile_ports_and_healthchecks() -> None:
    for service in SERVICES:
        assert effective(service.target, "EXPOSE") == str(service.port)
        healthcheck = effective(service.target, "HEALTHCHECK")
        assert healthcheck, f"{service.target} has no HEALTHCHECK"
        assert f"127.0.0.1:{service.port}/healthz" in healthcheck
        assert "urllib" in healthcheck  # slim images have no curl


def test_compose_ports() -> None:
    for name, spec in compose_services().items():
        for argv in argvs(spec.get("command")):
            if argv[0] != "uvicorn":
                continue
            service = runs_service(argv)
            assert service, name
            assert option(argv, "--port") == str(service.port), name
            published = [
                str(p["target"]) if isinstance(p, dict) else str(p).rsplit(":", 1)[-1]
                for p in spec.get("ports", [])
            ]
            assert published == [str(service.port)], name


def resolve_port(port: int | str, container: dict[str, Any]) -> int:
    if isinstance(port, int) or str(port).isdigit():
        return int(port)
    (number,) = [p["containerPort"] for p in container.get("ports", []) if p.get("name") == port]
    return number


def web_deployments() -> list[tuple[Service, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    found = []
    for doc, pod, container in containers():
        argv = container_argvs(container)
        if doc["kind"] == "Deployment" and argv and argv[0][0] == "uvicorn":
            service = runs_service(argv[0])
            assert service, doc["metadata"]["name"]
            found.append((service, doc, pod, container))
    return found


def test_kubernetes_web_ports_and_probes() -> None:
    deployments = web_deployments()
    assert sorted(s.name for s, *_ in deployments) == sorted(BY_NAME)
    for service, doc, _, container in deployments:
        name = doc["metadata"]["name"]
        (argv,) = container_argvs(container)
        assert option(argv, "--port") == str(service.port), name
        assert [p["containerPort"] for p in container["ports"]] == [service.port], name
        probes = {
            kind: container.get(kind, {}).get("httpGet", {})
            for kind in ("livenessProbe", "readinessProbe", "startupProbe")
        }
        assert probes["livenessProbe"].get("path") == "/healthz", name
        assert probes["readinessProbe"].get("path") == "/readyz", name
        if probes["startupProbe"]:
            assert probes["startupProbe"]["path"] == "/healthz", name
        for probe in probes.values():
            if probe:
                assert resolve_port(probe["port"], container) == service.port, name


def test_workers_and_jobs_expose_nothing() -> None:
    for doc, _, container in containers():
        argv = container_argvs(container)
        if argv and argv[0][0] != "uvicorn":
            assert not container.get("ports"), doc["metadata"]["name"]
            assert "livenessProbe" not in container and "readinessProbe" not in container


def pod_labels(doc: dict[str, Any]) -> dict[str, str]:
    return doc["spec"]["template"]["metadata"].get("labels", {})


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def test_services_route_to_their_web_deployment() -> None:
    assert len(of_kind("Service")) == len(SERVICES)
    for svc in of_kind("Service"):
        selector = svc["spec"]["selector"]
        matched = [d for d in of_kind("Deployment") if selects(selector, pod_labels(d))]
        assert len(matched) == 1, f"Service {svc['metadata']['name']} selects {len(matched)}"
        (web,) = [w for w in web_deployments() if w[1] is matched[0]]
        service, _, _, container = web
        (port,) = svc["spec"]["ports"]
        assert port["port"] == service.port
        assert resolve_port(port.get("targetPort", port["port"]), container) == service.port


def test_autoscalers_and_budgets_target_web_deployments() -> None:
    web = {doc["metadata"]["name"]: doc for _, doc, _, _ in web_deployments()}
    for hpa in of_kind("HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in web
        assert hpa["spec"]["minReplicas"] >= 1
    for pdb in of_kind("PodDisruptionBudget"):
        selector = pdb["spec"]["selector"]["matchLabels"]
        assert sum(selects(selector, pod_labels(d)) for d in web.values()) == 1


def service_url_hosts() -> Iterator[tuple[str, str, Service]]:
    """(where, url, the service it must reach) for every *_URL setting given in deploy/."""
    values: list[tuple[str, str, str]] = []
    for cm in of_kind("ConfigMap"):
        values += [(f"ConfigMap {cm['metadata']['name']}", k, str(v))
                   for k, v in (cm.get("data") or {}).items()]  # fmt: skip
    for name, spec in compose_services().items():
        values += [
            (f"compose {name}", k, v) for k, v in env_mapping(spec.get("environment")).items()
        ]
    for where, key, value in values:
        for suffix, target in URL_SETTINGS.items():
            if key.startswith("HEARD_") and key.endswith("_" + suffix):
                yield where, value, BY_NAME[target]


def test_service_urls_point_at_the_right_service() -> None:
    k8s_services = {s["metadata"]["name"]: s for s in of_kind("Service")}
    checked = 0
    for where, url, target in service_url_hosts():
        parts = urlsplit(url)
        assert parts.port == target.port, f"{where}: {url} is not port {target.port}"
        host = (parts.hostname or "").split(".")[0]
        if where.startswith("compose"):
            spec = compose_services().get(host)
            assert spec, f"{where}: no compose service {host}"
            assert target.web_command in argvs(spec.get("command")), f"{where}: {url}"
        else:
            assert host in k8s_services, f"{where}: no Service {host}"
            (port,) = k8s_services[host]["spec"]["ports"]
            assert port["port"] == target.port, f"{where}: {url}"
        checked += 1
    assert checked >= 8  # two in the portal and two in actions_api, in compose and Kubernetes


# --- Settings ---------------------------------------------------------------------------------


def test_every_heard_variable_is_a_settings_field() -> None:
    known = settings_variables()
    used: dict[str, set[str]] = {}
    # Everything under deploy/, comments and README included, so no file documents a variable
    # the code does not read.
    for path in sorted(p for p in DEPLOY.rglob("*") if p.is_file()):
        for name in HEARD_VAR.findall(path.read_text()):
            used.setdefault(name, set()).add(str(path.relative_to(REPO_ROOT)))
    # And structurally: compose environments, ConfigMap and Secret keys, container env.
    for name, spec in compose_services().items():
        for key in env_mapping(spec.get("environment")):
            used.setdefault(key, set()).add(f"compose {name}")
    for kind in ("ConfigMap", "Secret"):
        for doc in of_kind(kind):
            for key in (doc.get("data") or {}) | (doc.get("stringData") or {}):
                if key.startswith("HEARD_"):
                    used.setdefault(key, set()).add(f"{kind} {doc['metadata']['name']}")
    for doc, _, container in containers():
        for item in container.get("env", []):
            used.setdefault(item["name"], set()).add(doc["metadata"]["name"])
    heard = {k: v for k, v in used.items() if k.startswith("HEARD_")}
    # A name ending in "_" is a prefix ("HEARD_PORTAL_*" in prose) and must be a real one.
    prefixes = {service.prefix for service in SERVICES}
    unknown = {
        k: sorted(v)
        for k, v in heard.items()
        if k not in known and not (k.endswith("_") and k in prefixes)
    }
    assert not unknown, f"not settings fields: {unknown}"
    assert len(heard) > 10


def test_each_process_gets_only_its_own_settings() -> None:
    """A process is given its own service's variables, including its database URL."""
    for doc, _, container in containers():
        env = {k for k in container_env(container) if k.startswith("HEARD_")}
        for argv in container_argvs(container):
            if (service := runs_service(argv)) is not None:
                stray = {k for k in env if not k.startswith(service.prefix)}
                assert not stray, f"{doc['metadata']['name']} is given {stray}"
                assert f"{service.prefix}DATABASE_URL" in env, doc["metadata"]["name"]
                assert f"{service.prefix}ENVIRONMENT" in env, doc["metadata"]["name"]
            elif argv[:4] == ["python", "-m", "services.common.migrate", "upgrade"]:
                assert f"{BY_NAME[argv[4]].prefix}DATABASE_URL" in env, argv
    for name, spec in compose_services().items():
        env = set(env_mapping(spec.get("environment")))
        for argv in argvs(spec.get("command")):
            if (service := runs_service(argv)) is not None:
                assert {k for k in env if not k.startswith(service.prefix)} == set(), name
                assert f"{service.prefix}DATABASE_URL" in env, name
            elif argv[:4] == ["python", "-m", "services.common.migrate", "upgrade"]:
                assert f"{BY_NAME[argv[4]].prefix}DATABASE_URL" in env, name


def test_each_process_holds_its_own_private_key_and_trusted_public_keys() -> None:
    """KEYS_DIR is a mounted volume with <service>.pem and the trusted issuers' keys."""
    for doc, pod, container in containers():
        name = doc["metadata"]["name"]
        service = next(filter(None, map(runs_service, container_argvs(container))), None)
        if service is None:
            continue
        keys_dir = container_env(container).get(f"{service.prefix}KEYS_DIR")
        assert keys_dir, f"{name} has no {service.prefix}KEYS_DIR"
        (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == keys_dir]
        assert mount.get("readOnly") is True, name
        files = projected_files(pod, mount["name"])
        assert files.get(f"{service.name}.pem", ("", ""))[0] == "Secret", name
        other_private = [f for f in files if f.endswith(".pem") and f != f"{service.name}.pem"]
        assert not other_private, f"{name} can read {other_private}"
        for issuer in service.trusts:
            assert any(fnmatch(f, f"{issuer}*.pub") for f in files), f"{name}: no {issuer}.pub"
    # Compose: the keys one-shot writes into the volume every process reads as KEYS_DIR.
    services = compose_services()
    (generate,) = argvs(services["keys"]["command"])
    generated = generate[generate.index("generate") + 1]
    (volume,) = [v.split(":")[0] for v in services["keys"]["volumes"] if
                 v.split(":")[1] == generated]  # fmt: skip
    for name, spec in services.items():
        service = next(filter(None, map(runs_service, argvs(spec.get("command")))), None)
        if service is None:
            continue
        keys_dir = env_mapping(spec.get("environment")).get(f"{service.prefix}KEYS_DIR")
        assert f"{volume}:{keys_dir}:ro" in spec.get("volumes", []), name


# --- Compose ----------------------------------------------------------------------------------


def test_compose_start_up_order() -> None:
    services = compose_services()
    postgres = services["postgres"]
    assert postgres["image"] == "postgres:15"
    assert postgres["healthcheck"]["test"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name, spec in services.items():
        if name in ("keys", "migrate") or "build" not in spec:
            continue
        depends = spec["depends_on"]
        assert depends["keys"]["condition"] == "service_completed_successfully", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    for name in ("keys", "migrate"):
        assert services[name]["restart"] == "no"


def test_compose_builds_from_the_dockerfile() -> None:
    _, stages = dockerfile()
    targets = {s.name for s in stages}
    for name, spec in compose_services().items():
        if "build" in spec:
            build = spec["build"]
            assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
            assert build["target"] in targets, name


# --- Dockerfile -------------------------------------------------------------------------------


def test_dockerfile_stages() -> None:
    global_args, stages = dockerfile()
    names = [s.name for s in stages]
    for service in SERVICES:
        assert service.target in names
        chain = stage_chain(service.target)
        base = chain[0].base
        for arg, default in global_args.items():
            base = base.replace("${" + arg + "}", default).replace("$" + arg, default)
        assert base == "python:3.11-slim", service.target
    # A node stage runs `npm ci`; the runtime copies its result and the build stage's venv.
    assert any(kw == "RUN" and "npm ci" in rest for s in stages for kw, rest in s.instructions)
    copied_from = {
        m[1] for s in stages for kw, rest in s.instructions if kw == "COPY"
        for m in [re.search(r"--from=(\S+)", rest)] if m
    }  # fmt: skip
    assert len(copied_from) >= 2


def test_dockerfile_runs_as_non_root() -> None:
    for service in SERVICES:
        user = effective(service.target, "USER")
        assert user, f"{service.target} runs as root"
        assert user.split(":")[0] not in ("root", "0"), service.target


def test_dockerfile_copies_only_paths_that_exist() -> None:
    """The build context is the repository root; each COPY source must be there."""
    _, stages = dockerfile()
    missing = []
    for each in stages:
        for keyword, rest in each.instructions:
            if keyword != "COPY" or "--from=" in rest:
                continue
            *sources, _ = [w for w in rest.split() if not w.startswith("--")]
            missing += [source for source in sources if not (REPO_ROOT / source).exists()]
    assert not missing, f"the Dockerfile copies paths missing from the repository: {missing}"


# --- Secrets ----------------------------------------------------------------------------------


def test_no_private_key_in_any_deploy_file() -> None:
    for path in sorted(p for p in DEPLOY.rglob("*") if p.is_file()):
        assert not PRIVATE_KEY.search(path.read_text()), f"{path} holds a private key"


def test_secrets_are_placeholders() -> None:
    secrets = of_kind("Secret")
    assert secrets
    for secret in secrets:
        values = dict(secret.get("stringData") or {})
        values |= {k: base64.b64decode(v).decode() for k, v in (secret.get("data") or {}).items()}
        assert values, secret["metadata"]["name"]
        for key, value in values.items():
            where = f"Secret {secret['metadata']['name']} {key}"
            assert not PRIVATE_KEY.search(value), f"{where} holds a private key"
            assert PLACEHOLDER in value or value in PLACEHOLDER_SECRETS, f"{where} looks real"
    public = [c for c in of_kind("ConfigMap") if any(k.endswith(".pub") for k in c["data"])]
    for configmap in public:
        for key, value in configmap["data"].items():
            assert not PRIVATE_KEY.search(value), f"ConfigMap {key} holds a private key"


def test_portal_secret_key_placeholder_is_refused_in_production() -> None:
    """The template's secret key is one the portal will not start with."""
    value = config_value("Secret", "heard-portal-secrets", "HEARD_PORTAL_SECRET_KEY")
    with pytest.raises(ValueError, match="SECRET_KEY"):
        PortalSettings(environment="production", secret_key=value)


# --- Pod hardening ----------------------------------------------------------------------------


def test_pods_are_hardened() -> None:
    for doc, pod, container in containers():
        name = f"{doc['kind']} {doc['metadata']['name']}"
        pod_security = pod.get("securityContext", {})
        security = container.get("securityContext", {})
        assert True in (pod_security.get("runAsNonRoot"), security.get("runAsNonRoot")), name
        assert security.get("allowPrivilegeEscalation") is False, name
        assert security.get("readOnlyRootFilesystem") is True, name
        assert "ALL" in security.get("capabilities", {}).get("drop", []), name
        resources = container.get("resources", {})
        assert resources.get("requests", {}).get("memory"), name
        assert resources.get("limits", {}).get("memory"), name
        # A read-only root needs somewhere to write temporary files.
        assert any(m["mountPath"] == "/tmp" for m in container.get("volumeMounts", [])), name

#!/usr/bin/env python3
"""Offline checks of infra/k8s, and the silo Deployment's environment rendered for the container test.

  k8s_manifests.py check                 structure and cross-references (no cluster, no schema download)
  k8s_manifests.py env NAME STORAGE      the Deployment's env as NAME=VALUE lines for one silo container

There is no Kubernetes API server or OpenAPI schema here, so `check` is a hand-written structure check: the
fields the manifests use, against what the silo, the image and the RBAC objects really are. `env` resolves what
Kubernetes would fill in: the storage secret (given), the pod's labels, name and namespace ("default"); the pod
address (status.podIP) is left out, because the image's entrypoint advertises the container's own address, which
is what status.podIP is in a pod. Needs python3-yaml (apt-get install python3-yaml). Exits 1 with one line.
"""
import glob
import os
import re
import sys

try:
    import yaml
except ImportError:
    print("k8s check: python3-yaml is missing: apt-get install python3-yaml")
    sys.exit(1)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
IMAGE = "capacitygrid-silo:latest"  # what infra/container/build-images.sh tags
API = {"ServiceAccount": "v1", "Role": "rbac.authorization.k8s.io/v1", "RoleBinding": "rbac.authorization.k8s.io/v1",
       "Deployment": "apps/v1"}
# What Orleans' Kubernetes hosting does with pods: reads and watches them, deletes and labels dead silos' pods.
POD_VERBS = {"get", "watch", "list", "delete", "patch"}


def fail(why):
    print(f"k8s check: {why}")
    sys.exit(1)


def documents():
    docs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "infra", "k8s", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            try:
                loaded = [d for d in yaml.safe_load_all(f) if d is not None]
            except yaml.YAMLError as e:
                fail(f"{os.path.relpath(path, ROOT)}: not valid YAML ({str(e).splitlines()[0]})")
        for d in loaded:
            docs.append((os.path.relpath(path, ROOT), d))
    if not docs:
        fail("no manifests in infra/k8s")
    return docs


def options_sections():
    """Section name -> settable properties of the options classes in src/ (classes with a `Section` constant)."""
    sections = {}
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.cs"), recursive=True):
        text = open(path, encoding="utf-8").read()
        match = re.search(r'public const string Section = "([A-Za-z]+)";', text)
        if match:
            props = set(re.findall(r"public [\w<>?,\[\] ]+ (\w+) \{ get; set; \}", text))
            sections.setdefault(match.group(1), set()).update(props)
    return sections


def exposed_ports():
    text = open(os.path.join(ROOT, "infra", "Dockerfile"), encoding="utf-8").read()
    return {int(p) for line in re.findall(r"^EXPOSE (.+)$", text, re.M) for p in line.split()}


def one(docs, kind):
    found = [(path, d) for path, d in docs if d.get("kind") == kind]
    if len(found) != 1:
        fail(f"expected one {kind}, found {len(found)}")
    return found[0]


def deployment_container(docs):
    path, deployment = one(docs, "Deployment")
    containers = deployment["spec"]["template"]["spec"]["containers"]
    silo = [c for c in containers if c.get("name") == "silo"]
    if len(silo) != 1:
        fail(f"{path}: the Deployment needs one container named silo")
    return path, deployment, silo[0]


def check():
    docs = documents()
    for path, d in docs:
        kind = d.get("kind")
        if kind not in API:
            fail(f"{path}: unexpected kind {kind!r}")
        if d.get("apiVersion") != API[kind]:
            fail(f"{path}: {kind} needs apiVersion {API[kind]}, has {d.get('apiVersion')!r}")
        if not isinstance(d.get("metadata"), dict) or not d["metadata"].get("name"):
            fail(f"{path}: a {kind} without metadata.name")
    _, account = one(docs, "ServiceAccount")
    _, role = one(docs, "Role")
    path, binding = one(docs, "RoleBinding")
    if binding["roleRef"] != {"kind": "Role", "name": role["metadata"]["name"], "apiGroup": "rbac.authorization.k8s.io"}:
        fail(f"{path}: the RoleBinding's roleRef is not the Role {role['metadata']['name']}")
    if {"kind": "ServiceAccount", "name": account["metadata"]["name"]} not in binding["subjects"]:
        fail(f"{path}: the RoleBinding does not bind the ServiceAccount {account['metadata']['name']}")
    pods = [r for r in role["rules"] if "pods" in r.get("resources", []) and "" in r.get("apiGroups", [])]
    if not pods or not POD_VERBS <= set(pods[0].get("verbs", [])):
        fail(f"the Role must allow {sorted(POD_VERBS)} on pods (Orleans' Kubernetes hosting)")

    path, deployment, silo = deployment_container(docs)
    template = deployment["spec"]["template"]
    labels = template["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    if any(labels.get(k) != v for k, v in selector.items()):
        fail(f"{path}: selector {selector} does not match the pod labels {labels}")
    if template["spec"].get("serviceAccountName") != account["metadata"]["name"]:
        fail(f"{path}: serviceAccountName is not the ServiceAccount {account['metadata']['name']}")
    if silo.get("image") != IMAGE:
        fail(f"{path}: image {silo.get('image')!r} is not the image infra/container/build-images.sh builds ({IMAGE})")
    if silo.get("imagePullPolicy") != "IfNotPresent":
        fail(f"{path}: imagePullPolicy must be IfNotPresent: the image is built locally, and :latest otherwise means Always pull")
    env = {e["name"]: e for e in silo.get("env", [])}
    sections = options_sections()
    for name in env:
        if "__" in name:
            section, key = name.split("__", 1)
            if section not in sections or key not in sections[section]:
                fail(f"{path}: env {name} sets no option of the silo (no property {key} in section {section})")
    ports = {p["name"]: p["containerPort"] for p in silo.get("ports", [])}
    for port_name, option, default in (("silo", "Cluster__SiloPort", 11111), ("gateway", "Cluster__GatewayPort", 30000)):
        expected = int(env[option]["value"]) if option in env else default
        if ports.get(port_name) != expected:
            fail(f"{path}: port {port_name} is {ports.get(port_name)}, the silo listens on {expected} ({option})")
        if expected not in exposed_ports():
            fail(f"{path}: port {expected} is not exposed by infra/Dockerfile")
    field = lambda n: env.get(n, {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
    if field("Cluster__AdvertisedAddress") != "status.podIP":
        fail(f"{path}: Cluster__AdvertisedAddress must come from status.podIP (the default is loopback)")
    for orleans, ours, label in (("ORLEANS_SERVICE_ID", "Cluster__ServiceId", "orleans/serviceId"),
                                 ("ORLEANS_CLUSTER_ID", "Cluster__ClusterId", "orleans/clusterId")):
        if field(orleans) != f"metadata.labels['{label}']" or label not in labels:
            fail(f"{path}: {orleans} must come from the pod label {label}")
        if env.get(ours, {}).get("value") != labels[label]:
            fail(f"{path}: {ours} ({env.get(ours, {}).get('value')!r}) differs from the pod label {label} ({labels[label]!r})")
    secret = env.get("Storage__ConnectionString", {}).get("valueFrom", {}).get("secretKeyRef")
    if not secret or not secret.get("name") or not secret.get("key"):
        fail(f"{path}: Storage__ConnectionString must come from a secret")
    print(f"k8s check: {len(docs)} objects in infra/k8s are consistent with the silo, its image and each other")


def render(name, storage):
    docs = documents()
    _, deployment, silo = deployment_container(docs)
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    lines = []
    for e in silo.get("env", []):
        if "value" in e:
            value = str(e["value"])
        elif "secretKeyRef" in e.get("valueFrom", {}):
            value = storage
        else:
            path = e["valueFrom"]["fieldRef"]["fieldPath"]
            label = re.fullmatch(r"metadata\.labels\['(.+)'\]", path)
            if path == "status.podIP":
                continue  # the entrypoint advertises the container's address
            elif path == "metadata.name":
                value = name
            elif path == "metadata.namespace":
                value = "default"
            elif label:
                value = labels[label.group(1)]
            else:
                fail(f"cannot render fieldRef {path} of env {e['name']}")
        lines.append(f"{e['name']}={value}")
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"]:
        check()
    elif sys.argv[1:2] == ["env"] and len(sys.argv) == 4:
        render(sys.argv[2], sys.argv[3])
    else:
        print("usage: k8s_manifests.py check | env NAME STORAGE", file=sys.stderr)
        sys.exit(2)

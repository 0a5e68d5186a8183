"""The record of what cxacq wrote into a package folder: each file's name and SHA-256.

:mod:`cxacq.engine.output` writes it with every package (:data:`MANIFEST_NAME`) and reads it
to tell a document edited by hand (its bytes no longer match the record) from a
stale one (it matches the record; the answers now make something else). The bytes
are deterministic: the same package always gives the same record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "digest",
    "load_manifest",
    "manifest_bytes",
    "read_manifest",
]

# Its name does not start with output.TEMP_PREFIX, so nothing takes it for a killed run's
# leftovers; the leading dot keeps it out of the way in a file browser.
MANIFEST_NAME = ".cxacq.manifest.json"
MANIFEST_FORMAT = 1


def digest(data: bytes) -> str:
    """Return the SHA-256 of ``data`` in hex, as the record holds it."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    """Return the record of a package: each file's name and SHA-256, in deterministic bytes.

    The same files always give the same bytes (keys sorted, no time, no version),
    so a package stays byte-identical for identical input.
    """
    record = {
        "about": "What cxacq wrote into this folder, to tell documents edited by hand from "
        "stale ones. cxacq rewrites this file; do not edit it.",
        "format": MANIFEST_FORMAT,
        "files": {name: digest(files[name]) for name in sorted(files)},
    }
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


_MANIFEST_LIMIT = 1 << 20  # bytes; a package's record is a few hundred


def load_manifest(out_dir: Path) -> tuple[dict[str, str] | None, str | None]:
    """Return the record's ``{name: sha256}``, or None and why there is none.

    The reasons are "absent" (no record: a new folder, or a cxacq older than the
    record), "not a regular file", "too large to be a record cxacq wrote",
    "unreadable" and "not a record this cxacq can read". A FIFO or a link in the
    record's place is never opened.
    """
    path = out_dir / MANIFEST_NAME
    if not path.exists() and not path.is_symlink():
        return None, "absent"
    if path.is_symlink() or not path.is_file():
        return None, "not a regular file"
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MANIFEST_LIMIT + 1)
        if len(raw) > _MANIFEST_LIMIT:
            return None, "too large to be a record cxacq wrote"
        data = json.loads(raw)
    except (OSError, ValueError):
        return None, "unreadable"
    files = data.get("files") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT
        or not isinstance(files, dict)
        or not all(isinstance(k, str) and isinstance(v, str) and len(v) == 64
                   for k, v in files.items())
    ):
        return None, "not a record this cxacq can read"
    return dict(files), None


def read_manifest(out_dir: Path) -> dict[str, str] | None:
    """Return what cxacq last wrote into ``out_dir`` as ``{name: sha256}``.

    None when the folder has no usable record (a package written by a cxacq older
    than the record, or a record that cannot be read): then no document can be told
    to be edited by hand.
    """
    return load_manifest(out_dir)[0]

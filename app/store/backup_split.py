"""A backup file as the app writes it, read in pieces: other visitors keep their turn meanwhile.

The check and the restore run in a worker thread, but Python runs one thread at a time, and a
single long C call (parsing 30 MB of JSON, or writing the payload again to check its sum) keeps
every other visitor's page waiting until it returns: about 100 ms each on a phone-class machine.
A file laid out exactly as `backup.export` writes it, whose payload's bytes hash to its checksum
as they stand, is read here in short calls instead:

- the checksum over the payload's bytes in 1 MiB pieces (hashing lets other threads run), instead
  of writing the parsed payload canonically again: those bytes are the canonical text the sum was
  made of;
- the recordings' base64 text cut out of the JSON by position (each value a plain run of base64
  letters, one `find` each), so the JSON parser reads only the rest: the tables, a few kilobytes
  to a few megabytes.

Anything else (another layout, an escape in a file's name or text, a name twice, a sum that does
not match the bytes) gives None, and `backup.load` reads the file the general way, which finds
and names the problem. The result is the same either way: this only changes how long one call
holds the interpreter.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

FORMAT = "pijat-oksitosin-backup"  # backup.FORMAT (that module imports this one)
HEAD = re.compile(rb'\{"format":"' + FORMAT.encode() + rb'","payload":')
TAIL = re.compile(rb',"sha256":"([0-9a-f]{64})","version":(0|[1-9][0-9]{0,3})\}\s*\Z')
TAIL_AT_MOST = 200  # bytes at the end the tail is looked for in
# The canonical payload's keys are sorted: its files (when it has any) come right after the time.
FILES_AT = re.compile(rb'\{"created_at":"[^"\\]{0,64}","files":\{')
HASH_PIECE = 1 << 20


def read(data: bytes, parse: Callable[[bytes], Any]) -> tuple[dict[str, Any], dict[str, bytes] | None] | None:
    """The file's document (its payload's files left empty) and each file's base64 text (None:
    the payload has no files), with the checksum already found to match; or None when the file
    is not laid out as `export` writes it, or does not match its sum as it stands."""
    head = HEAD.match(data)
    tail = TAIL.search(data, max(0, len(data) - TAIL_AT_MOST))
    if head is None or tail is None or tail.start() <= head.end():
        return None
    start, end = head.end(), tail.start()
    digest = hashlib.sha256()
    view = memoryview(data)
    for at in range(start, end, HASH_PIECE):
        digest.update(view[at : min(end, at + HASH_PIECE)])
    checksum = tail.group(1).decode("ascii")
    if digest.hexdigest() != checksum:
        return None
    files: dict[str, bytes] | None = None
    rest = data[start:end]
    at_files = FILES_AT.match(data, start)
    if at_files is not None:
        cut = _files(data, at_files.end(), end)
        if cut is None:
            return None
        files, after = cut
        rest = data[start : at_files.end() - 1] + b"{}" + data[after:end]
    document = {"format": FORMAT, "payload": parse(rest), "sha256": checksum, "version": int(tail.group(2))}
    return document, files


def _files(data: bytes, at: int, end: int) -> tuple[dict[str, bytes], int] | None:
    """The files object's entries from `at` (just inside its "{"): name -> base64 text, and where
    the object ends; None for anything but plain names and plain base64 values, or a name twice."""
    found: dict[str, bytes] = {}
    if data[at : at + 1] == b"}":
        return found, at + 1
    while True:
        if data[at : at + 1] != b'"':
            return None
        name_end = data.find(b'"', at + 1, end)
        if name_end < 0 or data.find(b"\\", at + 1, name_end) >= 0 or data[name_end + 1 : name_end + 3] != b':"':
            return None
        value_at = name_end + 3
        value_end = data.find(b'"', value_at, end)
        if value_end < 0 or data.find(b"\\", value_at, value_end) >= 0:
            return None
        try:
            name = data[at + 1 : name_end].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if name in found:
            return None  # read the general way, which refuses a key given twice
        found[name] = data[value_at:value_end]
        at = value_end + 1
        mark = data[at : at + 1]
        if mark == b"}":
            return found, at + 1
        if mark != b",":
            return None
        at += 1

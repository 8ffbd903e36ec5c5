"""Reading a file anyone can change (a data file, a hand-written page, a page of a built site).

Only a regular file is ever opened: a folder, a named pipe (reading one waits for a writer that
never comes), a socket or a device is reported by its kind, and so is a symbolic link that loops
or leads nowhere, each as a problem to fix rather than an exception. The kind is checked before
opening and again on the open file (without blocking), so nothing found between the two can
block either. Pages are decoded as MkDocs reads them (UTF-8, a leading BOM allowed).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from jiaoliu.core.errors import DataProblem

# What a path may be instead of a file: (Chinese, English), as the message names it.
_KINDS = {
    stat.S_IFDIR: ("文件夹", "folder"),
    stat.S_IFIFO: ("命名管道（FIFO）", "named pipe (FIFO)"),
    stat.S_IFSOCK: ("套接字", "socket"),
    stat.S_IFCHR: ("设备文件", "device"),
    stat.S_IFBLK: ("设备文件", "device"),
}
_NO_WAIT = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def file_problem(path: Path, name: str) -> DataProblem | None:
    """Why `path` cannot be read as a file (shown as `name`), or None for a regular file;
    checked without opening it. A path that does not exist at all is `missing_file`."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _error_problem(path, name, exc)
    return None if stat.S_ISREG(mode) else _kind_problem(mode, name)


def read_bytes(path: Path, name: str) -> tuple[bytes, list[DataProblem]]:
    """The bytes of a regular file, or the problem that keeps it from being read; never blocks."""
    problem = file_problem(path, name)
    if problem is not None:
        return b"", [problem]
    try:
        descriptor = os.open(path, _NO_WAIT)
    except OSError as exc:
        return b"", [_error_problem(path, name, exc)]
    with open(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):  # replaced since it was checked
            return b"", [_kind_problem(mode, name)]
        try:
            return file.read(), []
        except OSError as exc:
            return b"", [_error_problem(path, name, exc)]


def read_page(path: Path, name: str) -> tuple[str, list[DataProblem]]:
    """The text of a Markdown page as MkDocs reads it (UTF-8, a leading BOM dropped, line
    endings made "\\n"), or the problems that keep it from being read."""
    raw, problems = read_bytes(path, name)
    if problems:
        return "", problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # GBK, UTF-16…: the line of the first byte that is not UTF-8
        line = raw[: exc.start].count(b"\n") + 1
        return "", [DataProblem(name, line, 1, "", "not_utf8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _kind_problem(mode: int, name: str) -> DataProblem:
    kind_zh, kind_en = _KINDS.get(stat.S_IFMT(mode), ("特殊文件", "special file"))
    return DataProblem(name, 1, 1, "", "not_a_file", {"value": name, "kind_zh": kind_zh, "kind_en": kind_en})


def _error_problem(path: Path, name: str, exc: OSError) -> DataProblem:
    if exc.errno == errno.ELOOP:
        return DataProblem(name, 1, 1, "", "symlink_loop", {"value": name})
    if exc.errno == errno.ENOENT:
        code = "broken_link" if path.is_symlink() else "missing_file"
        return DataProblem(name, 1, 1, "", code, {"value": name})
    return DataProblem(name, 1, 1, "", "unreadable_file", {"value": name, "detail": exc.strerror or str(exc)})

"""What an import reads: files as researchers download them, plain, gzipped or zipped, one or a
whole folder or glob of them.

`resolve` turns what the user names (a file, a folder, a glob pattern such as
`'data/*.export.CSV.zip'`, or a list of these) into `Input`s, each checked before anything
is written: a missing file, a glob that matches nothing, a zip archive that is no zip or holds
several files without `--member` naming one are refused up front. `Stream` then reads one
input's bytes, decompressed as they are read (`gzip` and `zipfile` stream: nothing is
unpacked to disk or held whole in memory), counting the bytes of the file on disk (progress)
and hashing the content (the Dataset version, the same whether the file came zipped or not).
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from ..errors import ConfigError

PathLike = str | os.PathLike[str]
GLOB_CHARACTERS = frozenset("*?[")
MEMBERS_LISTED = 5  # in the message refusing a zip archive of several files
# What a damaged archive raises while it is read (gzip.BadGzipFile and zipfile.BadZipFile
# are among these).
DECOMPRESSION_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile)


class UnreadableInput(Exception):
    """A file whose bytes cannot be decompressed: the import reports it as a problem of the file."""

    def __init__(self, source: Input, cause: BaseException):
        super().__init__(f"cannot be decompressed ({source.compression}): {cause}")


@dataclass(frozen=True)
class Input:
    """One file to read: a plain file, a `.gz` file, or one member of a `.zip` archive."""

    path: Path
    member: str | None = None  # the file inside a zip archive

    @property
    def compression(self) -> str:
        suffix = self.path.suffix.lower()
        return {".zip": "zip", ".gz": "gzip"}.get(suffix, "")

    @property
    def name(self) -> str:
        """How problems and locators name the file: the archive's name when it is the member's
        plus `.zip` (GDELT's `20170312.export.CSV.zip`), else `archive.zip:member`."""
        if self.member is None or self.path.name == f"{Path(self.member).name}.zip":
            return self.path.name
        return f"{self.path.name}:{self.member}"

    @property
    def size(self) -> int:
        """Bytes on disk: what progress counts."""
        return self.path.stat().st_size

    @contextmanager
    def open(self) -> Iterator[tuple[IO[bytes], IO[bytes]]]:
        """The content, decompressed as it is read, and the file on disk (whose position says
        how far reading has got)."""
        raw = self.path.open("rb")
        try:
            if self.compression == "gzip":
                with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
                    yield cast(IO[bytes], unpacked), raw
            elif self.compression == "zip":
                with zipfile.ZipFile(raw) as archive, archive.open(self.member or "") as member:
                    yield member, raw
            else:
                yield raw, raw
        finally:
            raw.close()

    def lines(self, count: int) -> list[str]:
        """The first `count` lines, decoded leniently (for finding a header or a layout)."""
        found: list[str] = []
        try:
            with self.open() as (content, _):
                text = io.TextIOWrapper(content, encoding="utf-8-sig", errors="replace", newline="")
                for line in text:
                    found.append(line.rstrip("\r\n"))
                    if len(found) == count:
                        break
                text.detach()
        except DECOMPRESSION_ERRORS as exc:
            raise UnreadableInput(self, exc) from exc
        return found


class Stream(io.RawIOBase):
    """One input as pyarrow reads it: decompressed, its bytes on disk counted (progress) and its
    content hashed (the Dataset version)."""

    def __init__(self, source: Input | Path, on_read: Callable[[int], None] | None = None):
        self.input = source if isinstance(source, Input) else resolve(source)[0]
        self._opened = self.input.open()
        try:
            self.handle, self.raw = self._opened.__enter__()
        except DECOMPRESSION_ERRORS as exc:
            raise UnreadableInput(self.input, exc) from exc
        self.digest = hashlib.sha256()
        self.done = 0  # bytes of the file on disk read so far
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.handle.read(len(buffer))
        except DECOMPRESSION_ERRORS as exc:
            raise UnreadableInput(self.input, exc) from exc
        buffer[: len(data)] = data
        self.digest.update(data)
        # A decompressor reads ahead and a zip member starts inside the archive: the file's
        # position only ever moves forward while one member is read.
        self.done = max(self.done, self.raw.tell()) if data else self.input.size
        if self.on_read is not None:
            self.on_read(self.done)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._opened.__exit__(None, None, None)
        super().close()

    def version(self) -> str:
        while self.readinto(bytearray(1 << 20)):  # a reader that stopped early still hashes the whole file
            pass
        return self.digest.hexdigest()[:16]


def resolve(given: PathLike | Sequence[PathLike], member: str | None = None) -> list[Input]:
    """The files named by a path, a folder (its files, not its subfolders nor hidden files), a
    glob pattern or a list of these, in order, each once; refused up front when one is missing."""
    items = [given] if isinstance(given, str | os.PathLike) else list(given)
    if not items:
        raise ConfigError("no file given")
    paths: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                raise ConfigError(f"no file in the folder {path}")
        elif path.is_file():
            found = [path]
        elif GLOB_CHARACTERS & set(str(item)):
            found = sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file())
            if not found:
                raise ConfigError(f"no file matches {item}")
        else:
            raise ConfigError(f"no file {path}")
        paths += found
    unique = list(dict.fromkeys(p.resolve() for p in paths))
    if member is not None and not any(Input(path).compression == "zip" for path in unique):
        raise ConfigError("--member names a file inside a .zip archive; none of the files given is one")
    return [_input(path, member) for path in unique]


def _input(path: Path, member: str | None) -> Input:
    if Input(path).compression != "zip":
        return Input(path)  # `member` names a file in the archives among the files given
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ConfigError(f"{path.name} cannot be read as a zip archive: {exc}") from exc
    if not names:
        raise ConfigError(f"{path.name} is an empty zip archive")
    if member is not None:
        if member not in names:
            raise ConfigError(f"{path.name} holds no file {member!r}; it holds {_listed(names)}")
        return Input(path, member)
    if len(names) != 1:
        raise ConfigError(
            f"{path.name} holds {len(names)} files ({_listed(names)}); name the one to import with --member"
        )
    return Input(path, names[0])


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:MEMBERS_LISTED])
    return shown + (f" and {len(names) - MEMBERS_LISTED} more" if len(names) > MEMBERS_LISTED else "")


__all__ = ["Input", "Stream", "UnreadableInput", "resolve"]

"""The bytes of one input as a binary stream: a file, standard input (and, later in this
module, a compressed file or an archive's member)."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from jisheng_cli.errors import InputError
from jisheng_cli.readers.sources import Source


def open_binary(source: Source) -> BinaryIO:
    """The raw bytes of `source` (not decompressed), or a file-level error."""
    if source.is_stdin:
        return sys.stdin.buffer
    path = source.path
    if os.path.isdir(path):
        raise InputError("is_directory", path=path)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no_such_file", path=path) from None
    except PermissionError:
        raise InputError("permission_denied", path=path) from None
    except OSError as e:
        raise InputError("unreadable", path=path, detail=str(e.strerror or e)) from None

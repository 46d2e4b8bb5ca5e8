"""A .docx file read and opened only once it is known to be a Word package safe to unpack."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from editordesk.errors import InputError
from editordesk.ooxml.package import MAX_FILE_BYTES, PackageProblem, check_package


def package_bytes(path: Path) -> bytes:
    """The file's bytes, once they are known to be a Word package safe to unpack."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}") from None
    try:
        check_package(data)
    except PackageProblem as problem:
        raise InputError(str(problem)) from None
    return data


def open_document(data: bytes) -> Any:
    """python-docx's Document for checked bytes; anything it cannot read is an InputError."""
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type" in str(exc):
            kind = str(exc).rsplit("content type is", 1)[-1].strip(" '")
            raise InputError(
                f"is not a Word document (its main part is {kind}); save it from Word as "
                "a .docx and import again"
            ) from None
        raise InputError(f"is damaged and cannot be read as a Word file ({exc})") from None
    except (
        PackageNotFoundError,
        KeyError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        OSError,
        AttributeError,
        TypeError,
    ) as exc:
        raise InputError(f"is damaged and cannot be read as a Word file ({exc})") from None

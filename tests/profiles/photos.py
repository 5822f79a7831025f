"""Upload samples for the photo tests: real pictures, and files made to attack the upload."""

import io
import struct
import zlib

from PIL import Image


def picture(fmt: str = "JPEG", size=(1600, 1200), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 94, 184) if mode == "RGB" else None).save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg_with_location() -> bytes:
    """A JPEG carrying EXIF metadata (camera, GPS) that must not survive."""
    exif = Image.Exif()
    exif[0x010F] = "Secret camera maker"
    exif[0x8825] = {2: (53.0, 24.0, 0.0)}
    return picture("JPEG", exif=exif)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid 1-bit PNG of width × height black pixels: a few tens of kilobytes that would decode to gigabytes."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")

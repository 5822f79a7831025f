"""Photo uploads without Django: accept only real JPEG or PNG files within limits, and re-encode them.

The stored copy is always a fresh JPEG made from the decoded pixels, so nothing of the upload but its picture
survives: no metadata (camera, location), no trailing data, no tricks hidden in the file.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 24_000_000  # e.g. 6000 × 4000, a large phone or camera photo
MAX_SIDE = 960  # the stored copy: sharp on a phone, light on a weak connection
ACCEPTED_FORMATS = ("JPEG", "PNG")
JPEG_QUALITY = 82


class PhotoRejected(ValueError):
    """The upload is not a photo we accept; the message says why, in words for the person who sent it."""


@dataclass(frozen=True)
class Photo:
    content: bytes
    width: int
    height: int
    extension: str = "jpg"


def process_photo(data: bytes) -> Photo:
    """Check `data` is a JPEG or PNG within the size and pixel limits, then return it resized as a new JPEG."""
    if len(data) > MAX_BYTES:
        raise PhotoRejected(f"The photo is too large: the limit is {MAX_BYTES // (1024 * 1024)} MB.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except UnidentifiedImageError as exc:
            raise PhotoRejected("This file is not a JPEG or PNG photo. Choose a .jpg or .png picture.") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoRejected(_too_many_pixels()) from exc
        except (OSError, SyntaxError, ValueError) as exc:  # a header Pillow recognises but cannot read
            raise PhotoRejected("This photo is damaged or incomplete. Try saving it again.") from exc
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected(_too_many_pixels())
            try:
                image.load()
            except (OSError, SyntaxError, ValueError) as exc:  # Pillow's errors for broken or truncated files
                raise PhotoRejected("This photo is damaged or incomplete. Try saving it again.") from exc
            picture = ImageOps.exif_transpose(image)
    return _reencode(picture)


def _too_many_pixels() -> str:
    return f"The photo has too many pixels: the limit is {MAX_PIXELS // 1_000_000} million (e.g. 6000 × 4000)."


def _reencode(picture: Image.Image) -> Photo:
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return Photo(buffer.getvalue(), picture.width, picture.height)

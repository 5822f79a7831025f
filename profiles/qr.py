"""QR links without Django: short codes, safe targets, which requests count as scans, and rendering.

Everything here takes and returns plain values, so it is tested without a database or a request.
"""

import hashlib
import io
import re
import secrets
from dataclasses import dataclass

import qrcode
import qrcode.constants
import qrcode.image.pil
import qrcode.image.svg

# Lower-case letters and digits without the look-alikes 0/o, 1/l/i: easy to read off a printed card.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 10  # 31**10 ≈ 8 × 10**14 codes: no one finds a live code by guessing
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")

# A target is a path on this site: one leading slash, then printable ASCII without spaces or backslashes.
# Browsers treat "//host" and "/\host" as another site, and drop tabs and newlines before they look.
SAFE_PATH_PATTERN = re.compile(r"^/(?![/\\])[!-~]*$")
MAX_PATH_LENGTH = 500

ERROR_CORRECTION = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
QUIET_ZONE = 4  # modules of white border, as the QR standard asks
PNG_SIZES = range(100, 2001)  # pixels
SVG_SIZES = range(15, 201)  # millimetres

# Link-preview fetchers (chat apps, social sites) and crawlers open a link without a person reading the page.
PREVIEW_AGENT_WORDS = (
    "bot",
    "crawler",
    "spider",
    "preview",
    "facebookexternalhit",
    "whatsapp",
    "slack",
    "discord",
    "telegram",
    "skypeuri",
    "embedly",
    "pinterest",
    "google-pagerenderer",
    "vkshare",
)
PREFETCH_HEADERS = ("Purpose", "Sec-Purpose", "X-Purpose", "X-Moz")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def is_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text))


def is_safe_path(path: str) -> bool:
    """Whether `path` can only ever lead to a page of this site (no scheme, no host, no tricks)."""
    return len(path) <= MAX_PATH_LENGTH and bool(SAFE_PATH_PATTERN.match(path))


def counts_as_scan(method: str, user_agent: str, headers: dict[str, str]) -> bool:
    """A person opening the link: a GET from a browser that is not prefetching or building a link preview."""
    if method != "GET" or not user_agent.strip():
        return False
    agent = user_agent.lower()
    if any(word in agent for word in PREVIEW_AGENT_WORDS):
        return False
    purposes = " ".join(headers.get(name, "") for name in PREFETCH_HEADERS).lower()
    return not any(word in purposes for word in ("prefetch", "prerender", "preview"))


def visitor_hash(salt: str, address: str, user_agent: str) -> str:
    """An id for counting unique visitors on one day; with the day's salt gone, it leads back to no one."""
    return hashlib.sha256(f"{salt}|{address}|{user_agent}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class QRImage:
    content: bytes
    content_type: str
    extension: str


def _matrix(data: str, error_correction: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION[error_correction], border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return code


def _box_size(code: qrcode.QRCode, size: int, per_unit: int = 1) -> int:
    """The largest whole module that keeps the code, quiet zone included, within `size`."""
    return max(1, size * per_unit // (code.modules_count + 2 * QUIET_ZONE))


def render_png(data: str, *, size: int, error_correction: str = "M") -> QRImage:
    """A PNG at most `size` pixels square (black on white, crisp modules)."""
    code = _matrix(data, error_correction)
    code.box_size = _box_size(code, size)
    image = code.make_image(image_factory=qrcode.image.pil.PilImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return QRImage(buffer.getvalue(), "image/png", "png")


def render_svg(data: str, *, size: int, error_correction: str = "M") -> QRImage:
    """An SVG at most `size` millimetres square, for print; qrcode's SVG factory counts 10 box units a millimetre."""
    code = _matrix(data, error_correction)
    code.box_size = _box_size(code, size, per_unit=10)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return QRImage(buffer.getvalue(), "image/svg+xml", "svg")

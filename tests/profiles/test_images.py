"""Photo uploads: only real JPEG or PNG within limits; the stored copy is a fresh, resized JPEG."""

import io

import pytest
from PIL import Image

from profiles import images
from tests.profiles.photos import jpeg_with_location, picture, png_bomb


def test_a_jpeg_is_resized_and_re_encoded_without_its_metadata():
    photo = images.process_photo(jpeg_with_location())
    stored = Image.open(io.BytesIO(photo.content))
    assert (stored.format, stored.size) == ("JPEG", (960, 720))
    assert (photo.width, photo.height) == (960, 720)
    assert not stored.getexif()
    assert b"Secret camera maker" not in photo.content


def test_a_png_with_transparency_becomes_a_jpeg_on_white():
    photo = images.process_photo(picture("PNG", size=(400, 300), mode="RGBA"))
    stored = Image.open(io.BytesIO(photo.content))
    assert (stored.format, stored.size, stored.mode) == ("JPEG", (400, 300), "RGB")
    assert stored.getpixel((10, 10)) == (255, 255, 255)


def test_a_small_photo_is_not_enlarged():
    assert images.process_photo(picture(size=(320, 480))).width == 320


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?php echo 'I am not a picture'; ?>", "not a JPEG or PNG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not a JPEG or PNG"),
        (picture("GIF", mode="P"), "not a JPEG or PNG"),
        (picture("WEBP"), "not a JPEG or PNG"),
        (picture("JPEG")[:2000], "damaged or incomplete"),
        (png_bomb(), "too many pixels"),
        (png_bomb(6000, 4001), "too many pixels"),
        (b"\xff\xd8\xff" + b"\x00" * (images.MAX_BYTES + 1), "too large"),
    ],
    ids=["php", "svg", "gif", "webp", "truncated", "bomb", "just-over-the-pixel-limit", "too-large"],
)
def test_anything_else_is_refused_with_a_clear_message(data, message):
    with pytest.raises(images.PhotoRejected, match=message):
        images.process_photo(data)


def test_a_photo_at_the_pixel_limit_is_accepted():
    assert images.process_photo(picture(size=(6000, 4000))).width == 960

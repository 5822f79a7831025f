"""Who is asking: the client's address, behind as many trusted proxies as the deployment says."""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client. Behind N trusted proxies (DJANGO_TRUSTED_PROXIES=N) it is the Nth address from
    the right of X-Forwarded-For, which those proxies appended and a client cannot forge; otherwise REMOTE_ADDR."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

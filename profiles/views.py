"""Public careers pages and QR redirects, and the organisers' QR pages (preview, codes, sheet, scan report).

The public pages are the same for everyone, so they are rendered without the request: no user, session or
message is read, no cookie is set and no `Vary: Cookie` is sent, and any cache may share one response.
"""

import csv
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from eventsite.models import Event
from eventsite.net import client_ip
from eventsite.permissions import organiser_required
from eventsite.selectors import event_or_404
from eventsite.spreadsheets import csv_cell
from profiles import caching, qr, selectors, services
from profiles.forms import ProfileQRLinkForm, QRImageForm, SheetForm
from profiles.models import QRLink

PUBLIC_MAX_AGE = 120  # seconds a browser or shared cache may keep a public page
# What the site's chrome reads about the visitor, given as for someone signed out (the public pages are the same
# for everyone): the same page as with these names missing, without the template engine's failed look-ups.
ANONYMOUS = {
    "user": AnonymousUser(),
    "messages": (),
    "is_organiser": False,
    "is_presenter": False,
    "is_school_contact": False,
}


def _public_page(request, key: str, build) -> HttpResponse:
    page = caching.cached(key, build)
    if page is None:
        return HttpResponseNotFound(render_to_string("404.html"))
    response = HttpResponse(page.content)
    response["ETag"] = page.etag
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return get_conditional_response(request, etag=page.etag, response=response)


@require_safe
def profile_index(request):
    area = request.GET.get("area", "")[:80]
    search = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]

    def build() -> caching.Page:
        event = Event.objects.current()
        context = {"event": event, "area": area, "search": search, "profiles": [], "areas": []}
        if event:
            context["areas"] = list(selectors.areas_with_profiles(event))
            context["profiles"] = list(selectors.profile_list(event, area_slug=area, search=search))
        return caching.Page.of(render_to_string("profiles/profile_index.html", context).encode())

    return _public_page(request, caching.key("index", area, search.lower()), build)


@functools.cache
def _careers_url(urlconf, script_prefix: str) -> str:
    """The careers list's address: a constant of the URL configuration and the site's prefix."""
    return reverse("profiles:profile_index", urlconf=urlconf)


@require_safe
def profile_detail(request, slug):
    def build() -> caching.Page | None:
        found = selectors.published_profile(slug)
        if found is None:
            return None
        context = {
            **ANONYMOUS,
            "profile": found.profile,
            "related_roles": found.related_roles,
            "careers_url": _careers_url(get_urlconf(), get_script_prefix()),
        }
        return caching.Page.of(render_to_string("profiles/profile_detail.html", context).encode())

    return _public_page(request, caching.key("detail", slug), build)


@require_safe
@never_cache
def qr_scan(request, code):
    """Count a person's scan and send them on; previews, prefetches and HEAD requests are sent on uncounted."""
    code = code.lower()
    target = caching.cached(caching.key("qr", code), lambda: selectors.scan_target(code)) if qr.is_code(code) else None
    if target is None:
        return _code_not_found()
    user_agent = request.headers.get("User-Agent", "")
    if qr.counts_as_scan(request.method, user_agent, request.headers):
        try:
            services.scan_record(link_id=target.link_id, address=client_ip(request), user_agent=user_agent)
        except IntegrityError:  # the link was deleted (with its event) since its target was cached
            caching.invalidate()
            return _code_not_found()
    return HttpResponseRedirect(target.url)


def _code_not_found() -> HttpResponse:
    return HttpResponseNotFound(render_to_string("profiles/qr_not_found.html"))


# Organisers


@organiser_required
@require_safe
def profile_preview(request, slug):
    profile = selectors.profile_for_preview(slug)
    if profile is None:
        raise Http404("No job profile has this address.")
    return render(
        request,
        "profiles/profile_preview.html",
        {
            "profile": profile,
            "related_roles": profile.related_roles.all(),
            "form": ProfileQRLinkForm(),
            "placements": selectors.placements(profile.service_area.event),
        },
    )


@organiser_required
@require_POST
def profile_qrlink_create(request, slug):
    profile = selectors.profile_for_preview(slug)
    if profile is None:
        raise Http404("No job profile has this address.")
    form = ProfileQRLinkForm(request.POST)
    if form.is_valid():
        try:
            link = services.qrlink_create(
                event=profile.service_area.event,
                profile=profile,
                placement=form.cleaned_data["placement"],
                created_by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"New QR code {link.code} for “{link.placement}”.")
    else:
        messages.error(request, "Say where the code will be shown.")
    return redirect("profiles:profile_preview", slug=profile.slug)


def _qr_download(request, code, *, render_image, sizes: range, default_size: int):
    link = get_object_or_404(QRLink, code=code)
    form = QRImageForm(request.GET, sizes=sizes, default_size=default_size)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(message for errors in form.errors.values() for message in errors))
    image = render_image(link.short_url, size=form.cleaned_data["size"], error_correction=form.cleaned_data["ec"])
    response = HttpResponse(image.content, content_type=image.content_type)
    filename = f"qr-{link.code}-{form.cleaned_data['ec']}-{form.cleaned_data['size']}.{image.extension}"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organiser_required
@require_safe
def qrlink_png(request, code):
    return _qr_download(request, code, render_image=qr.render_png, sizes=qr.PNG_SIZES, default_size=600)


@organiser_required
@require_safe
def qrlink_svg(request, code):
    return _qr_download(request, code, render_image=qr.render_svg, sizes=qr.SVG_SIZES, default_size=45)


@organiser_required
@require_safe
def qrlink_sheet(request):
    event = event_or_404()
    codes = [code for code in request.GET.getlist("code") if qr.is_code(code)]
    form = SheetForm(request.GET or None, placements=selectors.placements(event), codes=codes)
    choice = form.cleaned_data if form.is_valid() else {}
    links = selectors.event_qrlinks(event, codes=choice.get("code") or None, placement=choice.get("placement", ""))
    return render(
        request,
        "profiles/qrlink_sheet.html",
        {
            "event": event,
            "form": form,
            "links": links,
            "size": choice.get("size") or 45,
            "ec": choice.get("ec") or "M",
            "site_url": settings.SITE_URL,
        },
    )


@organiser_required
@require_safe
def scan_report(request):
    event = event_or_404()
    totals = selectors.scan_totals(event)
    return render(
        request,
        "profiles/scan_report.html",
        {
            "event": event,
            "totals": totals,
            "careers": selectors.careers_showcased(event),
            "by_profile": selectors.scans_by_profile(event),
            "by_placement": selectors.scans_by_placement(event),
        },
    )


@organiser_required
@require_safe
def scan_report_csv(request):
    event = event_or_404()
    days = event.days
    per_day = selectors.scans_by_link_and_day(event)
    links = selectors.qrlinks_with_counts(QRLink.objects.filter(event=event).select_related("profile"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="qr-scans-{event.slug}-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["code", "placement", "target", "short URL", "active", "total scans", "unique visitors"]
        + [day.isoformat() for day in days]
    )
    for link in links.order_by("placement", "code"):
        writer.writerow(
            [
                link.code,
                csv_cell(link.placement),
                csv_cell(link.target_label),
                link.short_url,
                "yes" if link.is_active else "no",
                link.total_scans,
                link.unique_scans,
            ]
            + [per_day.get((link.pk, day), 0) for day in days]
        )
    return response

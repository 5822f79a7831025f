"""Organisers' privacy tools in the admin: subject-access export and erasure as actions on applications and
accounts (one subject at a time), and the read-only log of what was done with personal data."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse

from eventsite.models import PrivacyRecord
from eventsite.privacy_services import PrivacyError, subject_erase, subject_export
from eventsite.roles import is_organiser


class ErasureForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Who asked, and when, e.g. 'Parent's request through the school, e-mail of 3 May'. No names needed.",
    )


def _one_subject(modeladmin, request, queryset):
    """The single subject selected, as keyword arguments for the privacy services, or None (with a message)."""
    if not is_organiser(request.user):
        raise PermissionDenied("Only an organiser may export or erase personal data.")
    subjects = list(queryset[:2])
    if len(subjects) != 1:
        modeladmin.message_user(
            request, "Choose exactly one record: requests are handled one person at a time.", messages.ERROR
        )
        return None
    key = "user" if isinstance(subjects[0], get_user_model()) else "application"
    return {key: subjects[0]}


@admin.action(description="Export everything held about this person (JSON)")
def export_personal_data(modeladmin, request, queryset):
    subject = _one_subject(modeladmin, request, queryset)
    if subject is None:
        return None
    data = subject_export(by=request.user, **subject)
    kind, pk = data["subject"]["kind"], data["subject"]["id"]
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{kind}-{pk}.json"'
    return response


@admin.action(description="Erase this person's personal data…")
def erase_personal_data(modeladmin, request, queryset):
    subject = _one_subject(modeladmin, request, queryset)
    if subject is None:
        return None
    form = ErasureForm(request.POST if request.POST.get("confirm") == "yes" else None)
    if form.is_valid():
        try:
            record = subject_erase(by=request.user, reason=form.cleaned_data["reason"], **subject)
        except PrivacyError as exc:
            modeladmin.message_user(request, exc.messages[0], messages.ERROR)
        else:
            modeladmin.message_user(request, f"Personal data erased (privacy record {record.pk}).", messages.SUCCESS)
        return None
    (target,) = subject.values()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Erase personal data",
        "opts": modeladmin.model._meta,
        "subject": target,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "eventsite/privacy_erase_confirm.html", context)


class PrivacyUserAdmin(UserAdmin):
    """Organisers manage accounts and their roles (groups); only a superuser can grant superuser status or
    permissions outside the roles."""

    actions = [export_personal_data, erase_personal_data]
    superuser_only_fields = ("is_superuser", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else (*readonly, *self.superuser_only_fields)


@admin.register(PrivacyRecord)
class PrivacyRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "subject_kind", "subject_id", "event", "actor", "reason"]
    list_filter = ["action", "subject_kind", "event"]
    list_select_related = ["event", "actor"]
    search_fields = ["reason", "subject_id"]
    readonly_fields = [f.name for f in PrivacyRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PrivacyUserAdmin)

from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `prensa api_token` (the key is shown once); here they are revoked."""

    list_display = ("name", "user", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    readonly_fields = ("user", "name", "created_at", "last_used_at")
    fields = ("user", "name", "created_at", "last_used_at", "revoked")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

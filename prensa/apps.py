from django.contrib.admin.apps import AdminConfig


class PrensaAdminConfig(AdminConfig):
    """Django's admin, with Prensa's site (prensa.admin) as the default one."""

    default_site = "prensa.admin.PrensaAdminSite"

    def ready(self) -> None:
        from prensa.lib import lookups

        lookups.register()
        super().ready()

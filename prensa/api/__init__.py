"""The REST API: stories and editions as JSON and IPTC ninjs (django-ninja)."""

"""Production settings pass Django's deployment checks, HSTS included, without extra setup."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def check_deploy(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """`manage.py check --deploy` with production settings and a sensible environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRENSA_", "SECURE_", "DJANGO_", "DATABASE_", "DEBUG"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="prensa.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        PRENSA_COMMENTS_HASH_SALT=secrets.token_urlsafe(32),
        PRENSA_BASE_URL="https://news.example.org",
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checks_with_hsts_on_by_default(tmp_path):
    result = check_deploy(tmp_path)

    output = result.stdout + result.stderr
    assert "W004" not in output  # SECURE_HSTS_SECONDS
    # Only the two opt-ins remain: subdomains (W005) and the preload list (W021).
    assert set(re.findall(r"\(([\w.]+\.[WE]\d+)\)", output)) == {"security.W005", "security.W021"}


def test_subdomains_and_preload_are_opt_in_and_then_pass_the_checks_too(tmp_path):
    result = check_deploy(tmp_path, PRENSA_HSTS_PRELOAD="1")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # no warning at all


def test_preload_with_less_than_a_year_is_refused(tmp_path):
    result = check_deploy(tmp_path, PRENSA_HSTS_PRELOAD="1", PRENSA_HSTS_SECONDS="3600")

    assert result.returncode != 0
    assert "PRENSA_HSTS_PRELOAD" in result.stderr

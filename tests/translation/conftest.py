import shutil

import pytest

from prensa.translation.engines.apertium import ApertiumEngine


@pytest.fixture(scope="session")
def apertium() -> ApertiumEngine:
    """The real Apertium engine (Debian's packages); the tests need it installed."""
    if shutil.which("apertium") is None:
        pytest.fail("Apertium is not installed: run scripts/install-system-deps.sh")
    return ApertiumEngine(portuguese_variant="pt_BR")

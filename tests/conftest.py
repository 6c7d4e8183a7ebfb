import os
from pathlib import Path

import pytest

# Sync Playwright runs an asyncio loop in the main thread; Django would refuse ORM calls
# from the test body (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EN = ROOT / "sample" / "A-79-L.124.en.txt"
SAMPLE_FR = ROOT / "sample" / "A-79-L.124.fr.txt"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def sample_en() -> str:
    return SAMPLE_EN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_fr() -> str:
    return SAMPLE_FR.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def parsed_sample(sample_en, sample_fr):
    from reading_room.parsing.document import parse

    en = parse(sample_en, "en")
    fr = parse(sample_fr, "fr", reference=en)
    return en, fr


@pytest.fixture
def languages(db):
    """English and French rows (a data migration makes them; flushed DBs need them again)."""
    from reading_room.documents.models import Language

    Language.objects.get_or_create(code="en", defaults={"name": "English", "position": 1})
    Language.objects.get_or_create(code="fr", defaults={"name": "Français", "position": 2})


@pytest.fixture
def sample(languages, sample_en, sample_fr):
    """The bundled sample A/79/L.124, imported."""
    from reading_room.ingest.importer import import_texts

    return import_texts(en=sample_en, fr=sample_fr).document


# Playwright: Debian's Chromium, never a downloaded browser.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}  # lets add_script_tag inject axe-core


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture
def editor_client(client):
    """Logged in as a superuser."""
    from django.contrib.auth.models import User

    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages are keyed by ids the test database reuses after each rollback."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis to test the shared cache against: REDIS_URL, or the local one. CI must have it."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {url}: {error}")
        pytest.skip(f"no Redis at {url}")
    return url

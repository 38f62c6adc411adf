"""What every benchmark sets before Django starts, in one place.

A benchmark runs the product as production does (``DEBUG=0``), which refuses to start without its keys: the secret
key, the keys of the personal data (``PERSONAL_DATA_KEYS``, ``PERSONAL_DATA_LOOKUP_KEY``) and the audit chain's
(``AUDIT_CHAIN_KEY``). They are read from ``var/demo.env`` — the file ``make demo`` writes and loads the demo data
with, so that a benchmark reads the demo's encrypted columns — and that file is made the same way when it is missing
(a database a benchmark builds itself is then encrypted with it, and read again with it by ``--reuse``). A variable
already set in the environment wins.

    from environment import ensure_database, setup_django
    setup_django(DATABASE_URL=url)          # or prepare_environment() before starting a server
"""

import base64
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
KEYS_FILE = ROOT / "var" / "demo.env"
KEY_NAMES = ("SECRET_KEY", "PERSONAL_DATA_KEYS", "PERSONAL_DATA_LOOKUP_KEY", "AUDIT_CHAIN_KEY")


def _new_keys() -> dict[str, str]:
    """The keys in the Makefile's recipe for var/demo.env."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_KEYS": "demo:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "PERSONAL_DATA_LOOKUP_KEY": secrets.token_urlsafe(43),
        "AUDIT_CHAIN_KEY": secrets.token_urlsafe(43),
    }


def keys() -> dict[str, str]:
    """The four keys of var/demo.env, the file written first if it is not there."""
    if not KEYS_FILE.exists():
        KEYS_FILE.parent.mkdir(parents=True, exist_ok=True)
        KEYS_FILE.write_text("".join(f"{name}={value}\n" for name, value in _new_keys().items()), encoding="utf-8")
        KEYS_FILE.chmod(0o600)
    found = {}
    for line in KEYS_FILE.read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition("=")
        if name.strip() in KEY_NAMES:
            found[name.strip()] = value.strip()
    return found


def prepare_environment(settings: str = "config.settings", **variables: str) -> dict[str, str]:
    """Set (without overriding what the environment already says) the keys, the settings module, no static
    manifest and the test client's hosts, plus ``variables`` (which do override); the product importable. Returns
    the environment, to pass to a server started as a subprocess."""
    for name, value in keys().items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    os.environ.setdefault("STATIC_MANIFEST", "0")  # no collectstatic for a benchmark
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.update(variables)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return dict(os.environ)


def setup_django(settings: str = "config.settings", **variables: str) -> None:
    prepare_environment(settings, **variables)
    import django

    django.setup()


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` unless it exists."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def request_times(username: str, path: str, repeat: int, *, warm_up: int = 3) -> tuple[list[float], list[float]]:
    """``path`` requested ``repeat`` times through Django's test client as ``username`` (logged in), after
    ``warm_up`` requests that must answer 200: the wall and CPU milliseconds of each request."""
    import time

    from django.test import Client

    from zhengxie.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    for _ in range(warm_up):
        status = client.get(path).status_code
        assert status == 200, f"{path} as {username}: {status}"
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu

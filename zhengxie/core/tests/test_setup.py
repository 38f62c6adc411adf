"""The platform's set-up: the production configuration passes Django's deployment checks, `make demo` serves as
production does, the documented environment is the one shipped. (The demo generator: test_demo.py.)"""

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


#: Keys as an operator generates them (docs/deploy.md, “Keys”); for these tests only.
PRODUCTION_KEYS = {
    "PERSONAL_DATA_KEYS": "2026a:" + base64.b64encode(b"k" * 32).decode(),
    "PERSONAL_DATA_LOOKUP_KEY": "l" * 43,
    "AUDIT_CHAIN_KEY": "a" * 43,
}


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# production environment\n(.*?)```", doc, re.S).group(1)
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    for line in block.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.removeprefix("export ").split("=", 1)
            env[key] = value.strip("'\"")
    env["SECRET_KEY"] = "x" * 30 + "-a-long-and-random-secret-for-this-test-only-0123456789"
    env["ZHENGXIE_VAR_DIR"] = str(tmp_path)  # not the documented /var/lib/zhengxie of a real machine
    env.update(PRODUCTION_KEYS)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_documented_environment_is_the_one_in_deploy():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# production environment\n(.*?)```", doc, re.S).group(1).split()
    shipped = [line for line in (ROOT / "deploy" / "zhengxie.env").read_text().splitlines()
               if "=" in line and not line.startswith(("#", "SECRET_KEY"))]
    assert block == shipped


def test_the_units_run_the_documented_commands():
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for unit in ("zhengxie-web.service", "zhengxie-worker.service", "zhengxie-relay.service"):
        text = (ROOT / "deploy" / unit).read_text()
        assert "EnvironmentFile=/etc/zhengxie.env" in text
        command = re.search(r"^ExecStart=/opt/zhengxie/venv/bin/(\S+ \S+)", text, re.M).group(1)
        assert command.removeprefix("zhengxie ") in doc, f"{unit}: {command} is not in docs/deploy.md"


def test_make_demo_serves_with_debug_off_and_static_files(tmp_path):
    """`make demo` serves as production does: an unknown address shows the platform's 404 page (not Django's list
    of URL patterns) and the static files are still served."""
    import socket
    import time
    import urllib.error
    import urllib.request

    dry_run = subprocess.run(["make", "-n", "demo", "PORT=1"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "DEBUG=1" not in dry_run
    exported = re.search(r"set -a; \. \./var/demo\.env; set \+a; export (.*?);", dry_run).group(1)
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(dict(pair.split("=", 1) for pair in exported.split()))
    assert env["DEBUG"] == "0"
    env.update(SECRET_KEY="demo-" + "k" * 60, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}", **PRODUCTION_KEYS)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/static/css/zhengxie.css", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/static/css/zhengxie.css", timeout=5) as css:
            assert css.status == 200 and "text/css" in css.headers["Content-Type"]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/no-such-page/", timeout=5)
        page = missing.value.read().decode()
        assert missing.value.code == 404 and "URLconf" not in page and "zx-header" in page
    finally:
        server.terminate()
        server.wait(10)


def test_production_refuses_to_start_without_the_keys_outside_the_database():
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
                                                           *PRODUCTION_KEYS)}
    env.update(DEBUG="0", SECRET_KEY="y" * 30 + "-a-long-and-random-secret-for-this-test-only-0123456789")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    assert result.returncode != 0
    for variable in ("PERSONAL_DATA_KEYS", "PERSONAL_DATA_LOOKUP_KEY", "AUDIT_CHAIN_KEY"):
        assert variable in result.stderr + result.stdout
    script = "import config.wsgi"  # what gunicorn does first
    server = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert server.returncode != 0 and "ImproperlyConfigured" in server.stderr

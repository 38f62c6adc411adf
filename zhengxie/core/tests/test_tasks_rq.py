"""The production task backend: RQ on Redis (127.0.0.1:6379). A task enqueued by the platform is run by a worker."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .test_setup import PRODUCTION_KEYS

ROOT = Path(__file__).resolve().parents[3]


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="Redis does not answer on 127.0.0.1:6379")
def test_rq_backend_runs_a_task(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("ZHENGXIE_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(REDIS_URL="redis://127.0.0.1:6379/15", ZHENGXIE_VAR_DIR=str(tmp_path), **PRODUCTION_KEYS)
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        "from django.conf import settings; assert settings.TASKS['default']['BACKEND'] == 'django_tasks_rq.RQBackend';"
        "from zhengxie.core.tasks import ping; r = ping.enqueue(); print(r.id)"
    )
    result_id = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"], cwd=ROOT, env=env, capture_output=True, check=True)
    check = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        f"from zhengxie.core.tasks import ping; r = ping.get_result('{result_id}'); print(r.status, r.return_value)"
    )
    out = subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["SUCCESSFUL", "pong"]

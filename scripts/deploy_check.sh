#!/usr/bin/env bash
# The deployment of docs/deploy.md, done as an operator does it, outside the checkout:
#   build the wheel; install it into a fresh virtual environment in a temporary directory; load deploy/zhengxie.env
#   (host names, database, Redis and the data directory replaced by this machine's); migrate a new PostgreSQL
#   database; collectstatic with DEBUG=0; load the county demo; start the ExecStart lines of deploy/*.service
#   (gunicorn, the RQ worker, the outbox relay); then fetch /readyz, the login page, a static file by its hashed
#   name, a member's workbench and duty record, its Word and PDF reports (scripts/deploy_http_check.py), and see
#   the demo's queued tasks run by the worker. Everything it started is stopped at the end, pass or fail.
#
#   bash scripts/deploy_check.sh        (needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379)
#
# Uses Redis database 13 (DEPLOY_CHECK_REDIS_DB; flushed before and after), port 18431 and the next one
# (DEPLOY_CHECK_PORT) and a PostgreSQL database of its own (dropped after).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BASE_PY="$("$PY" -c 'import sys; print(sys._base_executable)')"
WORK="$(mktemp -d -t zhengxie-deploy.XXXXXX)"
PORT="${DEPLOY_CHECK_PORT:-18431}"
DB_NAME="zhengxie_deploy_check_$$"
REDIS_DB="${DEPLOY_CHECK_REDIS_DB:-13}"
PIDS=()
START=$(date +%s)

STEPS=0
step() { STEPS=$((STEPS + 1)); echo "=== deploy check [$(( $(date +%s) - START )) s]: $*"; }

cleanup() {
  status=$?
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "--- $log (last lines)"; tail -n 40 "$log"; }; done
  fi
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
  rm -rf "$WORK"
  if [ "$status" -eq 0 ]; then echo "=== deploy check passed in $(( $(date +%s) - START )) s"; echo "deploy: $STEPS passed, 0 failed"
  else echo "=== deploy check FAILED (exit $status) at step $STEPS"; echo "deploy: $((STEPS - 1)) passed, 1 failed"; fi
  exit "$status"
}
trap cleanup EXIT

# The command of a unit file, with this check's paths, port and (2 cores here) worker count.
unit_command() {
  sed -n 's/^ExecStart=//p' "$ROOT/deploy/$1" | head -n 1 \
    | sed -e "s#/opt/zhengxie/venv#$WORK/venv#g" -e "s#127.0.0.1:8000#127.0.0.1:$PORT#" -e "s#--workers 4#--workers 2#"
}

step "build the wheel"
mkdir -p "$WORK/src"
# A copy of the files git knows (a fresh clone's content), so no build/ directory of the checkout leaks in.
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"
"$PY" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$WORK/src" 2>&1 | grep -v "^WARNING: Location" || true
WHEEL="$(ls "$WORK"/dist/zhengxie-*.whl)"
"$PY" - "$WHEEL" <<'PYEOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
counts = {ext: sum(n.endswith(ext) for n in names) for ext in (".html", ".mo", ".css", ".js", ".ttc", ".woff2")}
print("wheel:", len(names), "files", counts)
assert all(counts.values()), f"the wheel lacks some kind of file: {counts}"
PYEOF

step "install it into a fresh virtual environment outside the checkout"
"$BASE_PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "$WHEEL" 2>&1 | grep -v "^WARNING: Location" || true
cd "$WORK"
"$WORK/venv/bin/python" -c "import config, zhengxie; assert 'site-packages' in config.__file__, config.__file__; print('installed at', zhengxie.__path__[0])"

step "the production environment (deploy/zhengxie.env, with this machine's hosts)"
set -a
# shellcheck disable=SC1091
. "$ROOT/deploy/zhengxie.env"
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')"
# The keys kept outside the database, generated as docs/deploy.md ("Keys") says.
PERSONAL_DATA_KEYS="$("$PY" -c "import base64, os; print('2026a:' + base64.b64encode(os.urandom(32)).decode())")"
PERSONAL_DATA_LOOKUP_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(43))')"
AUDIT_CHAIN_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(43))')"
ALLOWED_HOSTS="127.0.0.1"
SITE_URL="http://127.0.0.1:$PORT"
ZHENGXIE_VAR_DIR="$WORK/var"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
EMAIL_URL="smtp://127.0.0.1:$((PORT + 1))"
set +a
unset ZHENGXIE_TESTING DJANGO_SETTINGS_MODULE
mkdir -p "$ZHENGXIE_VAR_DIR"
"$PY" "$ROOT/scripts/smtp_sink.py" "$((PORT + 1))" "$WORK/mail" >"$WORK/smtp.log" 2>&1 & PIDS+=($!)
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
redis-cli -n "$REDIS_DB" flushdb >/dev/null
ZX="$WORK/venv/bin/zhengxie"

step "zhengxie check --deploy"
"$ZX" check --deploy --fail-level WARNING

step "zhengxie migrate --noinput"
"$ZX" migrate --noinput >"$WORK/migrate.log"

step "zhengxie collectstatic --noinput (DEBUG=0: hashed names and a manifest)"
"$ZX" collectstatic --noinput >"$WORK/collectstatic.log"
test -s "$ZHENGXIE_VAR_DIR/staticfiles/staticfiles.json"

step "zhengxie seed_demo --scale county (the demo accounts)"
"$ZX" seed_demo --scale county >"$WORK/seed.log"

step "start the web server, the task worker and the outbox relay (deploy/*.service)"
$(unit_command zhengxie-web.service) >"$WORK/web.log" 2>&1 & PIDS+=($!)
$(unit_command zhengxie-worker.service) >"$WORK/worker.log" 2>&1 & PIDS+=($!)
$(unit_command zhengxie-relay.service) >"$WORK/relay.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

step "what an operator and a member open"
"$WORK/venv/bin/python" "$ROOT/scripts/deploy_http_check.py" "http://127.0.0.1:$PORT" qz_member Demo@2026

step "zhengxie proposals_daily (zhengxie-daily.service): its tasks are run by the worker"
"$ZX" proposals_daily
"$ZX" shell -c "
import time
from zhengxie.core.models import OutboxTask
for _ in range(120):
    left = OutboxTask.objects.exclude(status='done').count()
    if not left:
        break
    time.sleep(0.5)
total = OutboxTask.objects.count()
print(f'outbox: {total} tasks, {left} not done', dict(OutboxTask.objects.values_list('status').annotate(n=__import__('django.db.models', fromlist=['Count']).Count('pk'))))
assert total and not left, 'tasks were left undone'
"

"""Settings for Zhengxie, read from environment variables only.

Development defaults work with no environment at all (SQLite under var/, a database task queue).
Production sets the variables documented in docs/deploy.md.
"""

import base64
import hashlib
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# A checkout has templates/, static/ and locale/ beside config/; an installed wheel carries them inside the package
# (setup.py copies them to zhengxie/site_files/), and its BASE_DIR is site-packages, where no data may be written.
IS_CHECKOUT = (BASE_DIR / "manage.py").is_file() and (BASE_DIR / "templates").is_dir()
SITE_FILES_DIR = BASE_DIR if IS_CHECKOUT else BASE_DIR / "zhengxie" / "site_files"
if os.environ.get("ZHENGXIE_VAR_DIR"):
    VAR_DIR = Path(os.environ["ZHENGXIE_VAR_DIR"])
elif IS_CHECKOUT:
    VAR_DIR = BASE_DIR / "var"
else:
    raise ImproperlyConfigured(
        "Set ZHENGXIE_VAR_DIR to a writable directory (e.g. /var/lib/zhengxie): an installed copy keeps no data "
        "beside its code. See docs/deploy.md."
    )


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("ZHENGXIE_TESTING", False) or "pytest" in sys.modules
#: Used only with DEBUG=1 or in the tests: a server with DEBUG=0 refuses to start without a real SECRET_KEY.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"


def _real_secret(value: str) -> bool:
    return len(value) >= 32 and len(set(value)) >= 5 and value != DEVELOPMENT_SECRET_KEY and not value.startswith(
        "django-insecure")


SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not _real_secret(SECRET_KEY):
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or weak (it needs 32 or more random characters): set it in the environment, "
            "or set DEBUG=1 on a developer's machine. See docs/deploy.md.")
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
#: The key of the platform's own signed tokens (QR sign-in codes, the public page's challenge), apart from
#: SECRET_KEY so that it can be rotated alone: the old keys stay accepted while listed in the fallbacks.
#: Unset, it is derived from SECRET_KEY.
TOKEN_SIGNING_KEY = os.environ.get("TOKEN_SIGNING_KEY", "").strip()
TOKEN_SIGNING_KEY_FALLBACKS = env_list("TOKEN_SIGNING_KEY_FALLBACKS")
if TOKEN_SIGNING_KEY and not _real_secret(TOKEN_SIGNING_KEY) and not (DEBUG or TESTING):
    raise ImproperlyConfigured("TOKEN_SIGNING_KEY needs 32 or more random characters. See docs/deploy.md.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address for absolute links; empty: taken from each request (e-mails then carry the bare path).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# The platform's apps come first: their templates and translations take precedence over Django's.
INSTALLED_APPS = [
    "zhengxie.core",
    "zhengxie.duties",
    "zhengxie.proposals",
    "zhengxie.opinions",
    "zhengxie.activities",
    "zhengxie.outreach",
    "zhengxie.liaison",
    "zhengxie.cooperation",
    "zhengxie.worklists",
    "zhengxie.channels",
    "zhengxie.stats",
    "zhengxie.search",
    "zhengxie.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "ninja",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhengxie.core.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhengxie.core.middleware.AccountPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "zhengxie.core.middleware.ActiveOrganisationMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_FILES_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhengxie.core.context_processors.shell",
            ],
            "builtins": ["zhengxie.core.templatetags.zx"],
        },
    }
]

FORM_RENDERER = "zhengxie.core.forms_rendering.FormRenderer"

# --- database -------------------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'zhengxie.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
                                              conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True))}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # IMMEDIATE makes a writer take the lock at BEGIN, so two writers queue instead of failing mid-way.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
if _db["ENGINE"] != "django.db.backends.sqlite3":
    # A database that does not answer makes a request fail within seconds (a 503), not after the TCP time-out.
    _db.setdefault("OPTIONS", {}).setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
    # Several checkouts may test against one PostgreSQL server at once: give each its own test database.
    # (SQLite tests run in memory.)
    _db.setdefault("TEST", {})["NAME"] = (
        os.environ.get("TEST_DATABASE_NAME")
        or f"test_zhengxie_{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]}"
    )
    server_options = []
    if "postgresql" in _db["ENGINE"] and not env_bool("DB_JIT", False):
        # PostgreSQL compiles (JIT) a statement whose estimated cost is high; the platform's statements are short,
        # and compiling the statistics' statement of every figure took 1.8 s of its 4.2 s at 1,000,000 proposals.
        # A server that has no such setting (some PostgreSQL-compatible ones): DB_JIT=1 leaves it out.
        server_options.append("-c jit=off")
    if TESTING:
        # A test's commit need not wait for the disk (the test database is thrown away): the transactional tests'
        # flushes and commits go faster. Never in production.
        server_options.append("-c synchronous_commit=off")
    if server_options:
        _db["OPTIONS"].setdefault("options", " ".join(server_options))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite builds the statistics' covering indexes (``include=``) without their extra columns, as the check warns;
# PostgreSQL reads those figures from the index alone. Nothing to act on for a county on SQLite.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- cache, sessions, tasks -------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis that is paused or unreachable answers within this many seconds (with an error, so a 503), never hangs.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "2"))
_redis_timeouts = {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": _redis_timeouts}}
else:
    # Shared by every process of one machine (the web server and the task worker), unlike locmem.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zhengxie_cache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
# Idle timeout: the session lives SESSION_COOKIE_AGE after the last request, renewed at most once a minute by
# core.middleware.SessionRefreshMiddleware rather than written on every request (SESSION_SAVE_EVERY_REQUEST).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
#: However active, a session ends this long after the login (AccountPolicyMiddleware): log in again.
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))

TASK_BACKEND = os.environ.get("TASK_BACKEND", "rq" if REDIS_URL else "database")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "dummy": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"},
}
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
if TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    _rq_url = REDIS_URL or "redis://127.0.0.1:6379/0"
    _rq_url += ("&" if "?" in _rq_url else "?") + "&".join(f"{k}={v}" for k, v in _redis_timeouts.items())
    # The worker raises the socket time-out above its blocking wait by itself (rq's Worker._set_connection).
    RQ_QUEUES = {"default": {"URL": _rq_url, "DEFAULT_TIMEOUT": 600}}

# --- accounts -------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["zhengxie.core.auth.UsernameOrPhoneBackend"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "8"))
PASSWORD_HISTORY = int(os.environ.get("PASSWORD_HISTORY", "5"))  # a new password may not be one of the last N
#: Days after which the holder of a staff role must choose a new password (0: never); members are exempt.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhengxie.core.passwords.CharacterClassValidator", "OPTIONS": {"classes": 3}},
    {"NAME": "zhengxie.core.passwords.AccountNameValidator"},
    {"NAME": "zhengxie.core.passwords.HistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]
# Argon2id first (zhengxie/core/hashers.py says why and at what cost); the others only verify older hashes, which
# are upgraded at the next login.
PASSWORD_HASHERS = [
    "zhengxie.core.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
#: Failures from one network address, with names that match no account, before that address is refused too.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
#: The longest an API token may live, in days; every token has an expiry.
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "180"))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Zhengxie 智慧政协")

# --- languages and time -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [SITE_FILES_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "zx_language"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- files -------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
STATICFILES_DIRS = [SITE_FILES_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env_bool("STATIC_MANIFEST", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
PDF_FONT_PATH = SITE_FILES_DIR / "static" / "fonts" / "wqy-microhei.ttc"

# --- e-mail -------------------------------------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:25, smtp+tls://… (STARTTLS) or smtps://… (TLS); else the console.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail.hostname or "localhost",
                "port": _mail.port or 25,
                "username": unquote(_mail.username or ""),
                "password": unquote(_mail.password or ""),
                "use_tls": _mail.scheme == "smtp+tls",
                "use_ssl": _mail.scheme == "smtps",
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zhengxie@localhost")
# Notice channels (zhengxie.channels): seconds to wait for an SMS gateway, WeCom or DingTalk before trying later.
CHANNELS_HTTP_TIMEOUT = float(os.environ.get("CHANNELS_HTTP_TIMEOUT", "5"))

# --- security -------------------------------------------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE_HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
#: The proxies whose X-Real-IP / X-Forwarded-For are believed (addresses or networks); any other client's are not.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

# --- logging ----------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "zhengxie": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        # Django's default "django" handler would print each record a second time beside the root handler (the task
        # worker's "Task id=… state=…" lines in `make demo`).
        "django": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    TASKS = {"default": _TASK_BACKENDS["immediate"]}
    MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "test-media"))
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# --- keys kept outside the database (docs/deploy.md, docs/security.md) ------------------------------------------
# Personal data at rest: "id:base64-key" pairs, comma-separated; the first encrypts, every one decrypts (rotation:
# put the new key first, run `manage.py personal_data_rotate`, then drop the old one). Or the same in a file.
PERSONAL_DATA_CIPHER = os.environ.get("PERSONAL_DATA_CIPHER", "AES-256-GCM")  # or "SM4-GCM" (GB/T 32907)
PERSONAL_DATA_KEYS = os.environ.get("PERSONAL_DATA_KEYS", "")
PERSONAL_DATA_KEY_FILE = os.environ.get("PERSONAL_DATA_KEY_FILE", "")
# The key of the keyed hashes (HMAC-SHA-256) that equality look-ups use (login by phone, duplicate checks).
PERSONAL_DATA_LOOKUP_KEY = os.environ.get("PERSONAL_DATA_LOOKUP_KEY", "")
# The key of the audit log's hash chain (HMAC-SHA-256) and of its archives.
AUDIT_CHAIN_KEY = os.environ.get("AUDIT_CHAIN_KEY", "")
AUDIT_RETENTION_DAYS = max(int(os.environ.get("AUDIT_RETENTION_DAYS", "180")), 180)
AUDIT_ARCHIVE_DIR = Path(os.environ.get("AUDIT_ARCHIVE_DIR", VAR_DIR / "audit-archive"))
if DEBUG or TESTING:
    # Fixed development keys, public and worthless: production refuses to start without its own (core.checks).
    _dev = base64.b64encode(hashlib.sha256(b"zhengxie development personal-data key").digest()).decode()
    _dev_sm4 = base64.b64encode(hashlib.sha256(b"zhengxie development SM4 key").digest()[:16]).decode()
    if not (PERSONAL_DATA_KEYS or PERSONAL_DATA_KEY_FILE):
        PERSONAL_DATA_KEYS = f"dev-sm4:{_dev_sm4}" if PERSONAL_DATA_CIPHER.upper().startswith("SM4") else f"dev:{_dev}"
    PERSONAL_DATA_LOOKUP_KEY = PERSONAL_DATA_LOOKUP_KEY or "zhengxie-development-lookup-key"
    AUDIT_CHAIN_KEY = AUDIT_CHAIN_KEY or "zhengxie-development-audit-chain-key"

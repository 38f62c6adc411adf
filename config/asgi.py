import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

from zhengxie.core.checks import require_keys  # noqa: E402

require_keys()  # no server without the keys kept outside the database (docs/deploy.md)

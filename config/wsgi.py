import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from zhengxie.core.checks import require_keys  # noqa: E402

require_keys()  # no server without the keys kept outside the database (docs/deploy.md)

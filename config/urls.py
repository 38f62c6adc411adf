from django.contrib import admin
from django.urls import include, path, re_path

from zhengxie.api import errors as api_errors
from zhengxie.api.api import api
from zhengxie.core.views import accounts, shell

admin.site.site_header = "Zhengxie 智慧政协"

urlpatterns = [
    path("healthz", shell.healthz, name="healthz"),
    path("readyz", shell.readyz, name="readyz"),
    path("admin/login/", accounts.admin_login, name="admin_login"),  # one login form, lockout and second factor
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_errors.api_not_found),  # the rest of /api/: a JSON 404, not the HTML page
    path("proposals/", include("zhengxie.proposals.urls")),
    path("opinions/", include("zhengxie.opinions.urls")),
    path("duties/", include("zhengxie.duties.urls")),
    path("activities/", include("zhengxie.activities.urls")),
    path("outreach/", include("zhengxie.outreach.urls")),
    path("liaison/", include("zhengxie.liaison.urls")),
    path("cooperation/", include("zhengxie.cooperation.urls")),
    path("worklists/", include("zhengxie.worklists.urls")),
    path("stats/", include("zhengxie.stats.urls")),
    path("search/", include("zhengxie.search.urls")),
    path("", include("zhengxie.channels.urls")),  # /channels/… and the short links /s/<code>
    path("", include("zhengxie.core.urls")),
]

handler403 = "zhengxie.core.views.shell.custom_403"
handler404 = "zhengxie.api.errors.handler404"  # JSON under /api/, the page elsewhere
handler500 = "zhengxie.core.views.errors.server_error"  # JSON under /api/; 503 while the database or broker is away
# Uploaded files are never served as static media: each app serves them through a view that checks the
# user's right to the object they belong to.

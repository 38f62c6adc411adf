"""Production static files: collectstatic with the hashed-name storage writes a manifest (it stops on any reference
to a file that is not there, such as a vendored bundle's source map)."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

STATIC = Path(settings.SITE_FILES_DIR) / "static"


def test_no_static_file_names_a_source_map_that_is_not_shipped():
    missing = []
    for path in STATIC.rglob("*"):
        if path.suffix in {".js", ".css"}:
            for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(encoding="utf-8", errors="ignore")):
                if not (path.parent / name).exists():
                    missing.append(f"{path.relative_to(STATIC)} -> {name}")
    assert missing == []


def test_collectstatic_with_the_manifest_storage_writes_every_vendored_file(tmp_path):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
                 "vendor/bootstrap-icons/bootstrap-icons.min.css", "css/zhengxie.css", "fonts/wqy-microhei.woff2"):
        assert name in manifest
        assert (tmp_path / manifest[name]).is_file()

"""Build step for the wheel: the project-level templates, static files, fonts and catalogues go inside the package
(``zhengxie/site_files/``), and every catalogue is compiled to .mo, so that an installed copy renders its pages with no
checkout beside it. The metadata is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SITE_DIRS = ("templates", "static", "locale")


class BuildWithSiteFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        import polib

        target = Path(self.build_lib) / "zhengxie" / "site_files"
        for name in SITE_DIRS:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("*.mo", ".*"))
        for po_path in sorted(Path(self.build_lib).glob("zhengxie/**/LC_MESSAGES/*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


setup(cmdclass={"build_py": BuildWithSiteFiles})

"""Old code against new on the same data, alternated: the CPU median of some pages and of the list API.

    mkdir ../old && git archive <commit> | tar -x -C ../old          # the code before a change, beside the checkout
    .venv/bin/python bench/compare_code.py ../old . [--rounds 2] [--requests 15]

On a shared machine the absolute times move with the others' load from one minute to the next; running the two
versions one after the other, several times, on the same database (this checkout's demo, or ``DATABASE_URL``) is
what tells a change from the noise. Each round starts one process per checkout (Django's test client, the whole
middleware stack, the bench settings for ``/bench/ping``); the compiled catalogues are copied into the old checkout
when it has none. Read-only.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

PAGES = [("office", "/duties/ranking/"), ("member", "/duties/record/"), ("leader", "/search/?q=养老"),
         ("proposal", "/proposals/supervision/"), ("proposal", "/api/v1/proposals/?size=20"),
         ("proposal", "/bench/ping")]


def measure(requests: int) -> None:
    """In the checkout this process runs from: one line of ``path=median`` pairs."""
    import django

    django.setup()
    from environment import request_times

    figures = []
    for role, path in PAGES:
        _wall, cpu = request_times(f"ts_{role}", path, requests)
        figures.append(f"{path}={statistics.median(cpu):.2f}")
    print(" ".join(figures), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkouts", nargs="*", help="two folders: the old code, the new")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.requests)
    from environment import ROOT, prepare_environment  # not in --measure: the old code may lack it

    env = prepare_environment("bench.settings")
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'zhengxie.sqlite3'}")
    folders = [Path(c).resolve() for c in args.checkouts]
    for folder in folders:
        for catalogue in ROOT.glob("zhengxie/*/locale/*/LC_MESSAGES/django.mo"):
            target = folder / catalogue.relative_to(ROOT)
            if target.parent.exists() and not target.exists():
                shutil.copyfile(catalogue, target)
    results = {folder: [] for folder in folders}
    for round_no in range(1, args.rounds + 1):
        for folder in folders:
            command = [sys.executable, "-c", "import runpy, sys; sys.argv = ['compare_code', '--measure', "
                       f"'--requests', '{args.requests}']; sys.path[:0] = ['{folder}']; sys.path.append('{Path(__file__).resolve().parent}'); "
                       f"runpy.run_path('{Path(__file__).resolve()}', run_name='__main__')"]
            out = subprocess.run(command, cwd=folder, env={**env, "PYTHONPATH": str(folder)}, capture_output=True,
                                 text=True, check=True).stdout.strip().splitlines()[-1]
            results[folder].append(dict(pair.rsplit("=", 1) for pair in out.split()))
            print(f"round {round_no}  {folder}: {out}", flush=True)
    for path in (p for _r, p in PAGES):
        cells = "  ".join(f"{folder.name}: " + " / ".join(r[path] for r in results[folder]) for folder in folders)
        print(f"{path:<32} {cells}  (ms of CPU)")


if __name__ == "__main__":
    main()

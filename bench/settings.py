"""Settings of the benchmark's server: the product's, with one extra URL (see bench/urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

"""The password hasher: Argon2id with a stated cost (the parameters are documented in docs/benchmarks.md).

Django's default, PBKDF2-SHA256 at 1,500,000 iterations, costs about 0.8 s of CPU per login on the 2-core machine
the platform is measured on; Argon2id at t=2, m=19 MiB, p=1 (the first configuration of the OWASP Password
Storage Cheat Sheet) costs about 55 ms and, being memory-hard, resists GPU and ASIC guessing better than PBKDF2
at any iteration count. Hashes made earlier with PBKDF2 (or Argon2 with other parameters) still verify and are
re-hashed with these parameters at the next successful login."""

import os

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id; the cost can be raised per deployment (ARGON2_TIME_COST, ARGON2_MEMORY_KIB) without a migration."""

    time_cost = int(os.environ.get("ARGON2_TIME_COST", "2"))
    memory_cost = int(os.environ.get("ARGON2_MEMORY_KIB", "19456"))  # KiB: 19 MiB
    parallelism = int(os.environ.get("ARGON2_PARALLELISM", "1"))

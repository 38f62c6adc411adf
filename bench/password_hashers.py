"""The CPU cost of one password check with each hasher and cost considered (see docs/benchmarks.md).

    .venv/bin/python bench/password_hashers.py

Prints the median CPU time (``time.process_time``, so that a busy machine does not inflate it) of
``hasher.verify`` for PBKDF2, scrypt and Argon2id at the parameters compared when the platform's hasher was chosen.
"""

import statistics
import time

from environment import setup_django

setup_django()
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, ScryptPasswordHasher  # noqa: E402

PASSWORD = "correct horse battery staple"


def cost(hasher, runs: int = 5) -> float:
    encoded = hasher.encode(PASSWORD, hasher.salt())
    times = []
    for _ in range(runs):
        started = time.process_time()
        assert hasher.verify(PASSWORD, encoded)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main():
    for iterations in (1_500_000, 600_000):
        hasher = PBKDF2PasswordHasher()
        hasher.iterations = iterations
        print(f"PBKDF2-SHA256, {iterations:,} iterations: {cost(hasher, 3):7.1f} ms")
    print(f"scrypt, N=2^14, r=8, p=5: {cost(ScryptPasswordHasher()):7.1f} ms")
    for time_cost, memory_kib, parallelism in [(2, 102400, 8), (3, 65536, 4), (1, 47104, 1), (2, 19456, 1),
                                               (3, 12288, 1)]:
        hasher = type("Argon2", (Argon2PasswordHasher,), {"time_cost": time_cost, "memory_cost": memory_kib,
                                                          "parallelism": parallelism})()
        print(f"Argon2id, t={time_cost}, m={memory_kib // 1024} MiB, p={parallelism}: {cost(hasher):7.1f} ms")


if __name__ == "__main__":
    main()

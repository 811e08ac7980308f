"""PIN and password hashing: scrypt with a per-PIN salt, compared in constant time.

Stored as ``scrypt$n$r$p$salt$hash`` (base64), so the cost can be raised later and old hashes
still verify. n=2**14, r=8 takes ~50 ms and 16 MB: slow for guessing, quick for signing in.

PINs from a roster are hashed with ``INITIAL_N`` instead (16 times cheaper, 1 MB): HR typed
them into a spreadsheet, so they are no secret from HR, and at the full cost 100,000 of them
took 80 minutes on one core. The first successful sign-in re-hashes such a PIN at the full cost
(``verify_and_upgrade``), and every PIN a person sets is hashed at the full cost.
``hash_pins`` spreads many hashes over the cores (hashlib.scrypt releases the GIL).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from trainer.store.errors import InvalidValue

N, R, P = 2**14, 8, 1
INITIAL_N = 2**10  # roster PINs until their first sign-in; see the module docstring
BATCH = 64  # PINs per task of ``hash_pins``
MIN_LENGTH = 4
MAX_LENGTH = 128

# Wrong PINs allowed before each further try is delayed; the delay doubles up to the maximum.
FREE_TRIES = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * 1024 * 1024)


def check_pin_rules(pin: str) -> str:
    """The PIN as stored (surrounding spaces removed); InvalidValue says what is wrong."""
    cleaned = pin.strip()
    if len(cleaned) < MIN_LENGTH:
        raise InvalidValue(f"A PIN or password needs at least {MIN_LENGTH} characters.")
    if len(cleaned) > MAX_LENGTH:
        raise InvalidValue(f"A PIN or password may have at most {MAX_LENGTH} characters.")
    return cleaned


def hash_pin(pin: str, *, initial: bool = False) -> str:
    """The stored form of a PIN; ``initial`` for one HR chose, re-hashed at first sign-in."""
    cleaned = check_pin_rules(pin)
    salt = os.urandom(16)
    n = INITIAL_N if initial else N
    return f"scrypt${n}${R}${P}${_b64(salt)}${_b64(_derive(cleaned, salt, n, R, P))}"


def hash_pins(pins: Sequence[str], *, initial: bool = True,
              progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Hashes of many PINs, in order, computed on every core; ``progress(done, total)`` runs on
    the calling thread, and an exception from it (a cancel) stops the remaining work."""
    batches = [pins[start:start + BATCH] for start in range(0, len(pins), BATCH)]
    results: list[list[str]] = [[] for _ in batches]
    done = 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1,
                            thread_name_prefix="trainer-pins") as pool:
        pending: dict[Future[list[str]], int] = {
            pool.submit(lambda part: [hash_pin(pin, initial=initial) for pin in part], batch):
            number for number, batch in enumerate(batches)}
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    number = pending.pop(future)
                    results[number] = future.result()
                    done += len(results[number])
                if progress is not None:
                    progress(done, len(pins))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [hashed for part in results for hashed in part]


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches; a malformed stored hash never matches."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _derive(pin.strip(), base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(actual, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


def needs_rehash(stored: str) -> bool:
    """True for a hash below today's cost (a roster PIN, or one from an older version)."""
    try:
        scheme, n, r, p, _salt, _hash = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (N, R, P)
    except ValueError:
        return False


def verify_and_upgrade(pin: str, stored: str) -> tuple[bool, str | None]:
    """Check a PIN at sign-in; on success a cheaper hash comes back re-hashed at the full cost.

    A cheaper hash does the full-cost work on failure too, so the time taken does not tell
    whether the PIN was right or whether the account still has HR's initial PIN.
    """
    ok = verify_pin(pin, stored)
    if not needs_rehash(stored):
        return ok, None
    if ok:
        try:
            return True, hash_pin(pin)
        except InvalidValue:  # a PIN from before today's rules: it keeps working as it is
            return True, None
    _derive(pin.strip(), os.urandom(16), N, R, P)  # the same work as the re-hash
    return False, None


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_TRIES))

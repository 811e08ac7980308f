"""PIN and password hashing: scrypt with a per-PIN salt, compared in constant time.

Stored as ``scrypt$n$r$p$salt$hash`` (base64), so the cost can be raised later and old hashes
still verify. n=2**14, r=8 takes ~50 ms and 16 MB: slow for guessing, quick for signing in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from trainer.store.errors import InvalidValue

N, R, P = 2**14, 8, 1
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


def hash_pin(pin: str) -> str:
    cleaned = check_pin_rules(pin)
    salt = os.urandom(16)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_derive(cleaned, salt, N, R, P))}"


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


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_TRIES))

"""Survey links and codes. Only hashes are stored; see docs/methods/survey-collection.md.

* An invitation's link token is HMAC-SHA256(server secret, random salt): the database keeps the salt
  and SHA-256("invite:" + token), so a stolen database yields no working link, while the server can
  send the *same* link again in a reminder.
* A draft is found by SHA-256("draft:" + token) — a different hash of the same token, so drafts and
  invitations cannot be matched to each other from the database.
* Anonymous respondents get a random resume code (12 characters from Crockford's base32 alphabet,
  60 bits) that they can type on any device; organizations get an 8-character public code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

# Crockford's base32 (no I, L, O, U): easy to read aloud and to type.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RESUME_LENGTH = 12
ORG_CODE_LENGTH = 8


def new_salt() -> str:
    return secrets.token_urlsafe(16)[:22]


def invitation_token(salt: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"trellis.surveys.invitation:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")[:32]


def invitation_hash(token: str) -> str:
    return hashlib.sha256(f"invite:{token}".encode()).hexdigest()


def draft_hash(token: str) -> str:
    return hashlib.sha256(f"draft:{token}".encode()).hexdigest()


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(text: str) -> str:
    """What a person typed → the code: case, spaces and hyphens ignored; I/L → 1, O → 0."""
    cleaned = text.upper().replace("-", "").replace(" ", "")
    return cleaned.translate(str.maketrans("ILO", "110"))


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def looks_like_resume_code(token: str) -> bool:
    code = normalize_code(token)
    return len(code) == RESUME_LENGTH and all(c in ALPHABET for c in code)

"""Production settings pass Django's deployment checklist, and passwords are hashed with Argon2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def test_it_passes_check_deploy_under_production_settings(tmp_path: Path) -> None:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "trellis.settings.production",
        "TRELLIS_SECRET_KEY": "x" * 60 + "-deploy-check-0123456789",
        "TRELLIS_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_hashes_passwords_with_argon2() -> None:
    from trellis.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_sends_a_content_security_policy(client: object, db: None) -> None:
    response = client.get("/accounts/login/")  # type: ignore[attr-defined]
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"

"""Start-up from the environment: bad values stop with one clear line, production is secure."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "p" * 20 + "-production-secret-key-for-tests-0123456789",
    "DJANGO_ALLOWED_HOSTS": "events.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_ALLOWED_HOSTS": "events.example.org",
                "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
            },
            "Set DJANGO_SECRET_KEY",
        ),
        ({**PROD, "DJANGO_SECRET_KEY": "short"}, "Set DJANGO_SECRET_KEY"),
        ({**PROD, "DJANGO_ALLOWED_HOSTS": ""}, "Set DJANGO_ALLOWED_HOSTS"),
        ({**PROD, "EMAIL_URL": ""}, "Set EMAIL_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL must be a sqlite:/// or postgres:// URL"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/"}, "DATABASE_URL names no database"),
    ],
)
def test_bad_environment_stops_with_one_clear_line(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert message in last_line


def test_production_values_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout

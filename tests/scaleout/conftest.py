"""Two gunicorn processes (two workers each) on different ports, in production mode, sharing one fresh
PostgreSQL database and one Redis database: the set-up of a site scaled out over machines."""

import json
import os
import shutil
import socket
import uuid

import psycopg2
import pytest
import redis
from django.conf import settings

from bench.load_client import GUNICORN, HOST, manage, production_env, start_servers

# A Redis database of its own (10-13, one per pytest-xdist worker), flushed before and after.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
REDIS_URL = f"redis://127.0.0.1:6379/{13 - int(_WORKER.removeprefix('gw') or 0) % 4}"


def _redis_answers() -> bool:
    try:
        with socket.create_connection((HOST, 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _admin_connection():
    db = settings.DATABASES["default"]
    connection = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
    )
    connection.autocommit = True
    return connection


@pytest.fixture(scope="module")
def cluster():
    """Yields (servers, database URL, world); the processes are stopped and the database dropped afterwards."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the scale-out test needs PostgreSQL (set DATABASE_URL=postgres://...)")
    if not GUNICORN.exists() and not shutil.which("gunicorn"):
        pytest.skip("gunicorn is not installed in the virtual environment")
    if not _redis_answers():
        pytest.skip("Redis does not answer at 127.0.0.1:6379 (the shared cache and rate-limit store)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    db = settings.DATABASES["default"]
    name = f"scaleout_{uuid.uuid4().hex[:10]}"
    admin = _admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    database_url = f"postgres://{auth}{db['HOST']}:{db['PORT'] or 5432}/{name}"
    env = production_env(database_url=database_url, redis_url=REDIS_URL)
    servers = []
    try:
        manage("migrate", "--no-input", env=env)
        manage("collectstatic", "--no-input", env=env)
        world = json.loads(
            manage("shell", "-c", "from tests.scaleout.world import build; build()", env=env).splitlines()[-1]
        )
        servers = start_servers(2, env=env, workers=2)
        yield servers, database_url, world
    finally:
        for server in servers:
            server.stop()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        redis.Redis.from_url(REDIS_URL).flushdb()

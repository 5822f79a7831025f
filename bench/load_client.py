"""What the load run and the scale-out test share: gunicorn processes started against one database, and a small
browser (cookies, CSRF token, forms) that talks to them over the loopback interface only.

Cookies are kept by hand because production marks them Secure, and these runs speak plain HTTP to 127.0.0.1.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(*, database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DJANGO_DEBUG=0) for a run on this machine: plain HTTP, mail to nowhere, tasks at once."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return {
        **clean,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-and-scale-out-runs-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "smtp://127.0.0.1:1",
        "DJANGO_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        **extra,
    }


def manage(*args: str, env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@dataclass
class Server:
    """One gunicorn process (with its workers) on its own port."""

    port: int
    process: subprocess.Popen
    log: IO[bytes]

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-3000:]

    def stop(self, timeout: float = 20) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()


def start_servers(count: int, *, env: dict[str, str], workers: int = 2, threads: int = 1) -> list[Server]:
    """Start `count` gunicorn processes and wait (at most a minute) until each answers /healthz."""
    servers = []
    for _ in range(count):
        port = free_port()
        command = [str(GUNICORN), "eventsite.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
        command += ["--threads", str(threads), "--timeout", "60", "--graceful-timeout", "5"]
        log = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by Server.stop()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
        servers.append(Server(port, process, log))
    deadline = time.monotonic() + 60
    try:
        for server in servers:
            while Browser(server.base).get("/healthz", quiet=True).status != 200:
                if server.process.poll() is not None:
                    raise RuntimeError(f"gunicorn stopped: {server.errors()}")
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer /healthz within a minute")
                time.sleep(0.3)
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return servers


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class FormReader(HTMLParser):
    """The fields of a page's first POST form that posts back to the page itself (no action, so not e.g. the sign-out
    form of the menu), as a browser would send them untouched: hidden and text values, the first choice of each
    radio group and select, and the text of each text area."""

    def __init__(self):
        super().__init__()
        self._done = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "get").lower() == "post" and not a.get("action") and not self._done:
            self._in_form = True
        if not self._in_form or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") in ("radio", "checkbox"):
            if a.get("type") == "radio":
                self.fields.setdefault(a["name"], a.get("value", "on"))
        elif tag == "input" and a.get("type") not in ("submit", "button", "file"):
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "option" and self._select and a.get("value"):
            self.fields.setdefault(self._select, a["value"])

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_fields(html: str) -> dict[str, str]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


@dataclass
class Browser:
    """One person's browser against one base address (switch `base` to move to another process)."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    user_agent: str = PHONE

    def request(self, method: str, path: str, data: dict | None = None, quiet: bool = False) -> Reply:
        parsed = urllib.parse.urlsplit(self.base)
        headers = {"User-Agent": self.user_agent, "Host": parsed.netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.base + path
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except OSError:
            if quiet:
                return Reply(0, {}, "", time.perf_counter() - started)
            raise
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        headers_out = {name.lower(): value for name, value in response.getheaders()}
        return Reply(response.status, headers_out, content, seconds)

    def get(self, path: str, quiet: bool = False) -> Reply:
        return self.request("GET", path, quiet=quiet)

    def post(self, path: str, data: dict) -> Reply:
        return self.request("POST", path, {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data})

    def submit(self, path: str, changes: dict | None = None) -> Reply:
        """GET a page and send its form back with `changes` applied, as a person pressing its button would."""
        page = self.get(path)
        return self.post(path, {**form_fields(page.body), **(changes or {})})

    def sign_in(self, username: str, password: str) -> Reply:
        self.get("/accounts/login/")
        reply = self.post("/accounts/login/", {"username": username, "password": password})
        if reply.status != 302:
            raise RuntimeError(f"could not sign in as {username}: {reply.status}")
        return reply


def text_of(html: str) -> str:
    """A page's visible text, roughly, for checking messages."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())

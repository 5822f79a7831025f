"""Load run: the week's peaks against gunicorn (several workers) and PostgreSQL, with the demo event seeded.

    .venv/bin/python -m bench.load [--workers 4] [--server postgres://postgres@127.0.0.1:5432] [--keep]

Builds a fresh database (`eventsite_load`), migrates it, seeds the demo, opens its windows around now
(bench/load_world.py), starts gunicorn in production mode on a free loopback port with Redis as the cache, and plays:

1. 250 students scan a QR code and open the job profile it leads to, all within 5 seconds;
2. 250 students open the survey within 10 seconds and submit it 20-45 seconds later (all within a minute);
3. 30 school contacts sign in over the half-minute before the window closes, then each submits an application
   within 2 seconds of each other.

Prints, per peak, requests, errors, throughput and p50/p99 latency, against a baseline (GET /healthz, the cheapest
request through the same stack) measured in the same run, checks the database counted exactly what was sent, and
exits 1 on any error. Traffic goes to 127.0.0.1 only, and every loop is bounded.
"""

import argparse
import json
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg2
import redis

from bench.load_client import Browser, Reply, form_fields, manage, production_env, start_servers

STUDENTS = 250
SCHOOLS = 30
REDIS_URL = "redis://127.0.0.1:6379/14"
DATABASE = "eventsite_load"


@dataclass
class Peak:
    name: str
    latencies: list[float] = field(default_factory=list)
    steps: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, reply: Reply, expected: int, what: str) -> Reply:
        with self.lock:
            self.latencies.append(reply.seconds)
            self.steps.setdefault(what, []).append(reply.seconds)
            if reply.status != expected:
                self.errors.append(f"{what}: {reply.status} (expected {expected})")
        return reply

    def fail(self, what: str, error: Exception) -> None:
        with self.lock:
            self.errors.append(f"{what}: {error!r}")

    def percentile(self, q: float, step: str | None = None) -> float:
        ordered = sorted(self.steps[step] if step else self.latencies)
        return ordered[max(math.ceil(q * len(ordered)) - 1, 0)] * 1000

    @property
    def wall(self) -> float:
        return self.finished - self.started

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall


def play(peak: Peak, starts: list[float], journey, threads: int = 64) -> Peak:
    """Run journey(i, peak) for each i, the i-th no earlier than starts[i] seconds from now."""
    peak.started = time.perf_counter()

    def one(index: int) -> None:
        delay = peak.started + starts[index] - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        try:
            journey(index, peak)
        except Exception as error:  # every failure is an error of the run, counted and shown
            peak.fail(f"journey {index}", error)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(len(starts))))
    peak.finished = time.perf_counter()
    return peak


def baseline(base: str) -> Peak:
    def healthz(_index: int, peak: Peak) -> None:
        peak.record(Browser(base).get("/healthz"), 200, "healthz")

    return play(Peak("baseline: GET /healthz (5 s)"), [i * 5 / STUDENTS for i in range(STUDENTS)], healthz)


def scans(base: str, world: dict) -> Peak:
    codes = world["qr_codes"]

    def student(index: int, peak: Peak) -> None:
        browser = Browser(base)
        reply = peak.record(browser.get(f"/q/{codes[index % len(codes)]}"), 302, "scan")
        peak.record(browser.get(reply.location), 200, "profile")

    return play(
        Peak("250 students scan and open a profile (5 s)"), [i * 5 / STUDENTS for i in range(STUDENTS)], student
    )


def feedback(base: str, world: dict, rng: random.Random) -> Peak:
    codes = world["group_codes"]
    think = [rng.uniform(20, 45) for _ in range(STUDENTS)]

    def student(index: int, peak: Peak) -> None:
        browser = Browser(base)
        path = f"/s/{world['survey_key']}/{codes[index % len(codes)]}/"
        fields = form_fields(peak.record(browser.get(path), 200, "survey page").body)
        time.sleep(think[index])
        reply = peak.record(browser.post(path, fields), 302, "submit")
        peak.record(browser.get(reply.location), 200, "thanks")

    starts = [i * 10 / STUDENTS for i in range(STUDENTS)]
    return play(Peak("250 students submit feedback (1 min)"), starts, student, threads=STUDENTS)


def applications(base: str, world: dict) -> list[Peak]:
    """The schools' contacts sign in over the half-minute before the close (a sign-in is slow on purpose: the
    password hash), then all submit an application within 2 seconds of each other."""
    browsers = [Browser(base) for _ in range(SCHOOLS)]

    def sign_in(index: int, peak: Peak) -> None:
        browser = browsers[index]
        peak.record(browser.get("/accounts/login/"), 200, "login page")
        credentials = {"username": world["schools"][index], "password": world["password"]}
        peak.record(browser.post("/accounts/login/", credentials), 302, "sign in")

    def apply(index: int, peak: Peak) -> None:
        browser = browsers[index]
        path = "/school/applications/new/"
        fields = form_fields(peak.record(browser.get(path), 200, "form").body)
        fields |= {
            "first_name": f"Loadtest{index}",
            "surname": "Student",
            "year_group": str(world["year_group"]),
            "statement": "I would like to see how a hospital works.",
            "guardian_name": "A Parent",
            "consent_date": world["today"],
            "choice_2": "",
            "choice_3": "",
        }
        reply = peak.record(browser.post(path, fields), 302, "submit application")
        peak.record(browser.get(reply.location), 200, "school page")

    signed_in = play(Peak("30 school contacts sign in (30 s)"), [float(i) for i in range(SCHOOLS)], sign_in, SCHOOLS)
    starts = [i * 2 / SCHOOLS for i in range(SCHOOLS)]
    return [signed_in, play(Peak("30 schools apply as the window closes (2 s)"), starts, apply, threads=SCHOOLS)]


def report(peaks: list[Peak]) -> None:
    base = peaks[0]
    print(
        f"{'peak':46} {'requests':>8} {'errors':>6} {'wall s':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}  vs baseline"
    )
    for peak in peaks:
        ratio = "" if peak is base else f"  p50 ×{peak.percentile(0.5) / base.percentile(0.5):.1f}"
        print(
            f"{peak.name:46} {len(peak.latencies):8d} {len(peak.errors):6d} {peak.wall:7.1f} {peak.throughput:7.1f} "
            f"{peak.percentile(0.5):7.0f} {peak.percentile(0.99):7.0f}{ratio}"
        )
        if len(peak.steps) > 1:
            for step, times in peak.steps.items():
                print(
                    f"    {step:42} {len(times):8d} {'':6} {'':7} {'':7} {peak.percentile(0.5, step):7.0f} "
                    f"{peak.percentile(0.99, step):7.0f}"
                )
        for error in peak.errors[:5]:
            print(f"    {error}")


def count(database_url: str, sql: str) -> int:
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


COUNTS = {
    "scans": "SELECT count(*) FROM profiles_scan",
    "responses": "SELECT count(*) FROM feedback_response",
    "applications": "SELECT count(*) FROM applications_application",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    admin = psycopg2.connect(f"{args.server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    database_url = f"{args.server}/{DATABASE}"
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_env(database_url=database_url, redis_url=REDIS_URL, DJANGO_SETTINGS_MODULE="bench.load_settings")
    print("Preparing: migrate, seed the demo, collect static files, open the windows ...", flush=True)
    manage("migrate", "--no-input", env=env)
    manage("seed_demo", env=env)
    manage("collectstatic", "--no-input", env=env)
    world = json.loads(
        manage("shell", "-c", "from bench.load_world import prepare; prepare()", env=env).splitlines()[-1]
    )
    before = {name: count(database_url, sql) for name, sql in COUNTS.items()}
    servers = start_servers(1, env=env, workers=args.workers)
    try:
        base = servers[0].base
        print(f"gunicorn: {args.workers} workers on {base}; PostgreSQL {DATABASE}; Redis cache", flush=True)
        peaks = [
            baseline(base),
            scans(base, world),
            feedback(base, world, random.Random(1)),
            *applications(base, world),
        ]
    finally:
        for server in servers:
            server.stop()
    report(peaks)
    added = {name: count(database_url, sql) - before[name] for name, sql in COUNTS.items()}
    expected = {"scans": STUDENTS, "responses": STUDENTS, "applications": SCHOOLS}
    print(f"Stored: {added} (expected {expected})")
    if not args.keep:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin.close()
    errors = sum(len(peak.errors) for peak in peaks)
    print(f"Errors: {errors}")
    return 1 if errors or added != expected else 0


if __name__ == "__main__":
    raise SystemExit(main())

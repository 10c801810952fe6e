"""Load test: gunicorn + PostgreSQL + the demo region, 50 simulated users for 60 seconds, on loopback only.

    uv run python bench/load.py [--users 50] [--seconds 60] [--workers 5]

Builds the demo into a scratch PostgreSQL database (verbond_load on 127.0.0.1), starts gunicorn with several
workers, and lets each simulated user log in and loop over: the portfolio, network pages, the JSON API (reads
and pledge writes) and answering an assessment by personal link. Prints requests per second, latency
percentiles and errors (must be 0), then checks that every write that got a success answer is in the database.
Not part of CI: it needs a minute and a quiet machine.
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "verbond_load"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
PASSWORD = "vaartland-demo-2026"
USERS = ["vaart.bestuurder", "vaart.coordinator", "vaart.medewerker", "gemeente.bestuurder", "gemeente.coordinator"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=DATABASE_URL,
        VERBOND_DATA_DIR=data_dir,
        SECRET_KEY="load-test-" + "x" * 60,
        DJANGO_SETTINGS_MODULE="verbond.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # The load test fires many logins from one address; lockout is not what it measures.
        VERBOND_LOGIN_FAILURE_LIMIT="1000",
    )
    return env


def recreate_database() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def prepare(env: dict[str, str], respondents: int) -> dict:
    """Build the demo, then (in this process) API tokens and an assessment round with personal links."""
    subprocess.run([sys.executable, "-m", "verbond", "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ.update(env)
    import django

    django.setup()
    import datetime

    from django.core import mail
    from django.utils import timezone

    from verbond.accounts.models import User
    from verbond.api.models import TokenAccess
    from verbond.api.services import token_create
    from verbond.assessments.services import Contact, round_open
    from verbond.networks.selectors import networks_visible_to

    mail.outbox = []
    tokens = {}
    networks = {}
    for username in USERS:
        user = User.objects.get(username=username)
        tokens[username] = token_create(user=user, name="load", access=TokenAccess.READ_WRITE)[1]
        networks[username] = list(networks_visible_to(user=user).values_list("pk", flat=True))
    coordinator = User.objects.get(username="vaart.coordinator")
    partner = next(o for o in networks_visible_to(user=coordinator).first().participants.all() if o.organisation_id != coordinator.organisation_id).organisation
    round_open(
        user=coordinator,
        network=networks_visible_to(user=coordinator).first(),
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        title="Load test",
        contacts=[Contact(name=f"Partner {i}", email=f"partner{i}@example.org", organisation=partner) for i in range(respondents)],
    )
    links = sorted({m for message in mail.outbox for m in re.findall(r"/assessments/a/[\w-]+/", message.body)})
    pledge_networks = {u: networks[u][0] for u in USERS if User.objects.get(username=u).role in ("executive", "coordinator")}
    return {"tokens": tokens, "networks": networks, "links": links, "pledge_networks": pledge_networks}


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.pledges_written: list[str] = []
        self.answers_sent: set[str] = set()

    def record(self, action: str, started: float, response: requests.Response | None, error: str = "") -> bool:
        elapsed = time.perf_counter() - started
        ok = response is not None and response.status_code < 400 and not error
        with self.lock:
            self.latencies[action].append(elapsed)
            if not ok:
                self.errors.append(f"{action}: {error or response.status_code}")
        return ok


def simulated_user(base: str, index: int, plan: dict, deadline: float, recorder: Recorder, links: list[str]) -> None:
    rng = random.Random(index)
    username = USERS[index % len(USERS)]
    session = requests.Session()
    api = {"Authorization": f"Bearer {plan['tokens'][username]}"}

    def timed(action, method, url, **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(method, base + url, timeout=30, **kwargs)
        except requests.RequestException as error:
            recorder.record(action, started, None, str(error))
            return None
        return response if recorder.record(action, started, response) else None

    page = timed("login page", "GET", "/accounts/login/")
    if page is None:
        return
    form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": CSRF.search(page.text).group(1)}
    if timed("log in", "POST", "/accounts/login/", data=form, headers={"Referer": base}) is None:
        return
    counter = 0
    while time.perf_counter() < deadline:
        counter += 1
        choice = rng.random()
        if choice < 0.25:
            timed("portfolio", "GET", "/")
        elif choice < 0.55:
            timed("network page", "GET", f"/networks/{rng.choice(plan['networks'][username])}/")
        elif choice < 0.75:
            timed("api read", "GET", "/api/v1/networks?limit=50", headers=api)
        elif choice < 0.85 and username in plan["pledge_networks"]:
            description = f"load-{index}-{counter}"
            today = time.strftime("%Y-%m-%d")
            body = {
                "kind": "hours",
                "description": description,
                "quantity": "4",
                "period_start": today,
                "accountable_person": "Teamleider",
                "due_date": today,
            }
            response = timed("api write", "POST", f"/api/v1/networks/{plan['pledge_networks'][username]}/pledges", json=body, headers=api)
            if response is not None:
                with recorder.lock:
                    recorder.pledges_written.append(description)
        elif links:
            with recorder.lock:
                link = links.pop() if links else None
            if link is None:
                continue
            answer = requests.Session()
            started = time.perf_counter()
            sheet = answer.get(base + link, timeout=30)
            recorder.record("assessment page", started, sheet)
            fields = sorted(set(re.findall(r'name="(score_\d+)"', sheet.text)))
            data = {name: str(rng.randint(1, 5)) for name in fields}
            data.update(action="submit", csrfmiddlewaretoken=CSRF.search(sheet.text).group(1))
            started = time.perf_counter()
            sent = answer.post(base + link, data=data, headers={"Referer": base + link}, timeout=30)
            if recorder.record("assessment answer", started, sent):
                with recorder.lock:
                    recorder.answers_sent.add(link)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    arguments = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="verbond-load-")
    env = environment(data_dir)
    print(f"preparing: demo region in PostgreSQL database {DATABASE} …", flush=True)
    recreate_database()
    plan = prepare(env, respondents=arguments.users * 4)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "verbond.wsgi:application", f"--bind=127.0.0.1:{port}", f"--workers={arguments.workers}", "--log-level=warning"],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                requests.get(base + "/accounts/login/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        recorder = Recorder()
        links = list(plan["links"])
        started = time.perf_counter()
        deadline = started + arguments.seconds
        threads = [
            threading.Thread(target=simulated_user, args=(base, i, plan, deadline, recorder, links)) for i in range(arguments.users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    everything = [value for values in recorder.latencies.values() for value in values]
    print(f"\n{arguments.users} users, {arguments.workers} gunicorn workers, {elapsed:.0f} s, PostgreSQL, loopback")
    print(f"{'action':<20}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for action, values in sorted(recorder.latencies.items()):
        print(f"{action:<20}{len(values):>10}{percentile(values, .5):>10.0f}{percentile(values, .95):>10.0f}{percentile(values, .99):>10.0f}")
    print(f"{'all':<20}{len(everything):>10}{percentile(everything, .5):>10.0f}{percentile(everything, .95):>10.0f}{percentile(everything, .99):>10.0f}")
    print(f"requests per second: {len(everything) / elapsed:.1f}   mean latency: {statistics.mean(everything) * 1000:.0f} ms")
    print(f"errors: {len(recorder.errors)}" + (f"  (first: {recorder.errors[:5]})" if recorder.errors else ""))

    from verbond.assessments.models import Respondent
    from verbond.assessments.services import respondent_for_token
    from verbond.commitments.models import Pledge

    stored_pledges = set(Pledge.objects.filter(description__startswith="load-").values_list("description", flat=True))
    missing_pledges = set(recorder.pledges_written) - stored_pledges
    # Each acknowledged answer, one by one: its respondent (found by the link's token) has submitted.
    unsubmitted = [
        link
        for link in recorder.answers_sent
        if not (respondent := respondent_for_token(link.rstrip("/").rsplit("/", 1)[1])) or respondent.submitted_at is None
    ]
    submitted = Respondent.objects.filter(round__title="Load test", submitted_at__isnull=False).count()
    print(f"writes: {len(recorder.pledges_written)} pledges acknowledged, {len(missing_pledges)} missing in the database; "
          f"{len(recorder.answers_sent)} assessment answers acknowledged, {len(unsubmitted)} of them missing, "
          f"{submitted} stored in all")
    ok = not recorder.errors and not missing_pledges and not unsubmitted and submitted == len(recorder.answers_sent)
    print("RESULT:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

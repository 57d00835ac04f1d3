"""Prometheus metrics of the daemon (prometheus_client) and the HTTP endpoint serving /metrics and /healthz."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest

log = logging.getLogger(__name__)
PREFIX = "smm_monitor"


class Metrics:
    """The names DESIGN.md fixes, plus API errors and rate-limit waits by platform; one registry per daemon."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.sweeps = Counter(f"{PREFIX}_sweeps_total", "Sweeps by account and outcome", ["account", "status"], registry=r)
        self.items = Counter(f"{PREFIX}_items_fetched_total", "Items fetched by account", ["account"], registry=r)
        self.findings = Gauge(f"{PREFIX}_findings_open", "Open findings by account and mistake", ["account", "mistake"], registry=r)
        self.deliveries = Counter(f"{PREFIX}_deliveries_total", "Deliveries by outcome", ["status"], registry=r)
        self.requests = Counter(f"{PREFIX}_api_requests_total", "Platform API requests", ["platform"], registry=r)
        self.last_success = Gauge(f"{PREFIX}_last_success_timestamp_seconds", "When the account last swept ok",
                                  ["account"], registry=r)
        self.api_errors = Counter(f"{PREFIX}_api_errors_total", "Sweeps failed by a platform API error", ["platform"], registry=r)
        self.rate_limits = Counter(f"{PREFIX}_rate_limit_waits_total", "Sweeps deferred by a rate limit", ["platform"], registry=r)

    def observe(self, report: Any, open_by_mistake: dict[str, int], finished_at: float) -> None:
        """Count one sweep's report (monitor.sweep.SweepReport) and set its account's open findings."""
        self.sweeps.labels(report.account, report.status).inc()
        self.items.labels(report.account).inc(report.fetched)
        self.requests.labels(report.platform).inc(report.requests)
        for status in report.deliveries:
            if status not in ("none", "dry-run"):
                self.deliveries.labels(status).inc()
        if report.status == "ok":
            self.last_success.labels(report.account).set(finished_at)
        elif report.status == "deferred" or "rate limit" in (report.error or "").lower():
            self.rate_limits.labels(report.platform).inc()
        if report.status == "failed" and not (report.error or "").startswith("internal error"):
            self.api_errors.labels(report.platform).inc()
        from monitor.settings import MISTAKE_IDS

        for mistake in MISTAKE_IDS:
            self.findings.labels(report.account, mistake).set(open_by_mistake.get(mistake, 0))


def serve(metrics: Metrics, address: str, port: int, healthy: Callable[[], tuple[bool, str]]) -> ThreadingHTTPServer:
    """Serve /metrics and /healthz (200 while healthy() says so, else 503) in a background thread."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            if self.path.split("?")[0] == "/metrics":
                status, body, kind = 200, generate_latest(metrics.registry), CONTENT_TYPE_LATEST
            elif self.path.split("?")[0] == "/healthz":
                ok, detail = healthy()
                status, body, kind = (200 if ok else 503), (detail + "\n").encode(), "text/plain; charset=utf-8"
            else:
                status, body, kind = 404, b"try /metrics or /healthz\n", "text/plain; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - scrapes are not worth a log line
            pass

    server = ThreadingHTTPServer((address, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    log.info("metrics on http://%s:%d/metrics, health on /healthz", address, server.server_address[1])
    return server

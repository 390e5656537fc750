"""Tests of driftwatch_client (unittest, standard library only).

Unit tests use a fake ``urlopen`` (deterministic jitter and sleep). The integration tests run against a real server
when DRIFTWATCH_URL, DRIFTWATCH_KEY (ingest + read scopes) and DRIFTWATCH_PROJECT are set — the Vitest suite
(test/clients/python-client.test.ts) starts one and runs ``/usr/bin/python3 -m unittest`` with them.
"""

import datetime as dt
import email.message
import gzip
import io
import json
import os
import threading
import time
import unittest
import urllib.error

from driftwatch_client import (
    DriftwatchApiError,
    DriftwatchClient,
    DriftwatchClientError,
    backoff_delay,
    parse_retry_after,
)


class FakeResponse:
    def __init__(self, status, body, headers=None):
        self.status = status
        self._body = json.dumps(body).encode()
        self.headers = email.message.Message()
        self.headers["Content-Type"] = "application/json"
        for k, v in (headers or {}).items():
            self.headers[k] = v

    def read(self):
        return self._body

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def http_error(status, body, headers=None):
    h = email.message.Message()
    h["Content-Type"] = "application/json"
    for k, v in (headers or {}).items():
        h[k] = v
    return urllib.error.HTTPError("http://x", status, "err", h, io.BytesIO(json.dumps(body).encode()))


class FakeServer:
    """Scripted urlopen: answers from ``script`` in order (exceptions are raised), then 200 echoing the count."""

    def __init__(self, script=None):
        self.script = list(script or [])
        self.calls = []
        self.lock = threading.Lock()

    def __call__(self, req, timeout=None):
        raw = req.data
        body = None
        if raw is not None:
            if req.get_header("Content-encoding") == "gzip":
                raw = gzip.decompress(raw)
            body = json.loads(raw)
        with self.lock:
            self.calls.append({"url": req.full_url, "method": req.get_method(), "headers": dict(req.header_items()), "body": body})
            step = self.script.pop(0) if self.script else None
        if isinstance(step, BaseException):
            raise step
        if step is not None:
            return step
        n = len(body) if isinstance(body, list) else 0
        return FakeResponse(200, {"accepted": n, "duplicates": 0, "rejected": 0, "errors": []})


def make(script=None, **kw):
    server = FakeServer(script)
    sleeps = []
    errors = []
    counter = iter(range(1, 10**9))
    opts = dict(
        key="dwk_secret",
        project="shop floor",
        model="churn/v2",
        flush_interval=0,
        urlopen=server,
        rand=lambda: 0.5,
        sleep=sleeps.append,
        now=lambda: 1_700_000_000.0,
        id_factory=lambda: "gen-%d" % next(counter),
        on_error=errors.append,
    )
    opts.update(kw)
    client = DriftwatchClient("http://dw.test:7700/", **opts)
    return client, server, sleeps, errors


PRED_URL = "http://dw.test:7700/v1/projects/shop%20floor/models/churn%2Fv2/predictions"


class BackoffTest(unittest.TestCase):
    def test_full_jitter(self):
        self.assertEqual([backoff_delay(n, 0.1, 1.0, lambda: 0.5) for n in range(6)], [0.05, 0.1, 0.2, 0.4, 0.5, 0.5])
        self.assertEqual(backoff_delay(3, 0.1, 1.0, lambda: 0.0), 0.0)
        self.assertEqual(backoff_delay(0, 0.1, 1.0, lambda: 0.5, retry_after=2.0), 2.0)

    def test_retry_after(self):
        now = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp()
        self.assertEqual(parse_retry_after("3", now), 3.0)
        self.assertEqual(parse_retry_after("Wed, 01 Jan 2025 00:00:05 GMT", now), 5.0)
        self.assertEqual(parse_retry_after("86400", now), 120.0)
        self.assertIsNone(parse_retry_after("soon", now))
        self.assertIsNone(parse_retry_after(None, now))


class BatchingTest(unittest.TestCase):
    def test_batches_ids_and_timestamps(self):
        client, server, _, _ = make(batch_size=3)
        ids = [client.log_prediction(features={"x": i}, prediction=i % 2) for i in range(7)]
        self.assertEqual(ids, ["gen-%d" % i for i in range(1, 8)])
        client.flush()
        self.assertEqual([len(c["body"]) for c in server.calls], [3, 3, 1])
        self.assertEqual(server.calls[0]["url"], PRED_URL)
        self.assertEqual(server.calls[0]["headers"]["Authorization"], "Bearer dwk_secret")
        self.assertEqual(
            server.calls[0]["body"][0],
            {"id": "gen-1", "features": {"x": 0}, "prediction": 0, "timestamp": 1_700_000_000_000},
        )
        self.assertEqual(client.stats["accepted"], 7)
        self.assertEqual(client.pending, 0)

    def test_given_ids_datetimes_models_labels_feedback(self):
        client, server, _, _ = make()
        self.assertEqual(client.log_prediction(id="req-1", timestamp=dt.datetime(2024, 5, 1, 12)), "req-1")
        client.log_prediction(id="req-2", model="other", latency_ms=3, error="E1")
        client.log_label("req-1", 1)
        fid = client.log_feedback("req-1", kind="correction", value=0, comment="wrong")
        client.flush()
        self.assertEqual(
            [c["url"].split("/models/")[1] for c in server.calls],
            ["churn%2Fv2/predictions", "other/predictions", "churn%2Fv2/labels", "churn%2Fv2/feedback"],
        )
        self.assertEqual(server.calls[0]["body"], [{"id": "req-1", "timestamp": "2024-05-01T12:00:00Z"}])
        self.assertEqual(
            server.calls[1]["body"],
            [{"id": "req-2", "timestamp": 1_700_000_000_000, "latencyMs": 3, "error": "E1"}],
        )
        self.assertEqual(server.calls[2]["body"], [{"id": "req-1", "target": 1, "timestamp": 1_700_000_000_000}])
        self.assertEqual(
            server.calls[3]["body"],
            [{"id": fid, "recordId": "req-1", "kind": "correction", "value": 0, "comment": "wrong", "timestamp": 1_700_000_000_000}],
        )

    def test_misuse(self):
        client, _, _, _ = make(model=None)
        with self.assertRaises(DriftwatchClientError) as ctx:
            client.log_prediction()
        self.assertEqual(ctx.exception.code, "DW_CLIENT_NO_MODEL")
        with self.assertRaises(DriftwatchClientError):
            client.log_label("", 1, model="m")
        with self.assertRaises(DriftwatchClientError) as ctx:
            client.log_prediction(features={"x": float("nan")}, model="m")
        self.assertEqual(ctx.exception.code, "DW_CLIENT_BAD_RECORD")
        with self.assertRaises(DriftwatchClientError):
            DriftwatchClient("ftp://x", project="p")
        client.close()
        with self.assertRaises(DriftwatchClientError) as ctx:
            client.log_prediction(model="m")
        self.assertEqual(ctx.exception.code, "DW_CLIENT_CLOSED")

    def test_buffer_full_drops_and_reports(self):
        client, _, _, errors = make(max_buffered=2, batch_size=10)
        for _ in range(3):
            client.log_prediction()
        self.assertEqual(client.pending, 2)
        self.assertEqual(client.stats["dropped"], 1)
        self.assertEqual(errors[0].code, "DW_CLIENT_BUFFER_FULL")

    def test_gzip(self):
        client, server, _, _ = make(gzip=True)
        client.log_prediction(id="z")
        client.flush()
        self.assertEqual(server.calls[0]["headers"]["Content-encoding"], "gzip")
        self.assertEqual(server.calls[0]["body"], [{"id": "z", "timestamp": 1_700_000_000_000}])

    def test_background_thread_and_context_manager(self):
        server = FakeServer()
        with DriftwatchClient("http://dw.test", project="p", model="m", flush_interval=0.02, urlopen=server) as client:
            client.log_prediction()
            deadline = time.time() + 5
            while not server.calls and time.time() < deadline:
                time.sleep(0.01)
            self.assertEqual(len(server.calls), 1)
            client.log_prediction()
        # Leaving the block flushed the rest.
        self.assertEqual(len(server.calls), 2)


class RetryTest(unittest.TestCase):
    def test_network_errors_and_5xx_are_retried_with_the_same_ids(self):
        client, server, sleeps, _ = make(
            [
                urllib.error.URLError(ConnectionRefusedError("refused")),
                http_error(503, {"error": {"code": "DW_UNAVAILABLE", "message": "busy"}}),
                TimeoutError("timed out"),
            ]
        )
        client.log_prediction(features={"a": 1})
        r = client.flush()
        self.assertEqual(len(server.calls), 4)
        self.assertEqual(len({json.dumps(c["body"]) for c in server.calls}), 1)
        self.assertEqual(sleeps, [0.125, 0.25, 0.5])
        self.assertEqual(r["accepted"], 1)
        self.assertEqual(client.stats["retries"], 3)

    def test_retry_after_is_a_floor(self):
        client, _, sleeps, _ = make([http_error(429, {"error": {"code": "DW_QUEUE_FULL", "message": "full"}}, {"Retry-After": "2"})])
        client.log_prediction()
        client.flush()
        self.assertEqual(sleeps, [2.0])

    def test_gives_up_after_max_retries(self):
        down = [urllib.error.URLError("refused") for _ in range(10)]
        client, server, sleeps, errors = make(down, max_retries=5, max_delay=1.0, rand=lambda: 0.999)
        client.log_prediction()
        client.log_prediction()
        r = client.flush()
        self.assertEqual(len(server.calls), 6)
        for got, want in zip(sleeps, [0.999 * 0.25, 0.999 * 0.5, 0.999, 0.999, 0.999]):
            self.assertAlmostEqual(got, want, places=12)
        self.assertEqual(len(sleeps), 5)
        self.assertEqual(r["failed"], 2)
        self.assertIsInstance(errors[0], DriftwatchApiError)
        self.assertEqual((errors[0].status, errors[0].code), (0, "DW_CLIENT_NETWORK"))

    def test_other_4xx_not_retried(self):
        client, server, sleeps, errors = make([http_error(403, {"error": {"code": "DW_FORBIDDEN", "message": "no"}})])
        client.log_prediction()
        self.assertEqual(client.flush()["failed"], 1)
        self.assertEqual(len(server.calls), 1)
        self.assertEqual(sleeps, [])
        self.assertEqual((errors[0].status, errors[0].code), (403, "DW_FORBIDDEN"))

    def test_413_halves_the_batch(self):
        client, server, _, _ = make([http_error(413, {"error": {"code": "DW_BODY_TOO_LARGE", "message": "big"}})])
        for _ in range(5):
            client.log_prediction()
        self.assertEqual(client.flush()["accepted"], 5)
        self.assertEqual([len(c["body"]) for c in server.calls], [5, 3, 2])

    def test_query_helpers(self):
        client, server, _, _ = make(
            [
                FakeResponse(200, {"points": []}),
                FakeResponse(200, {}),
                FakeResponse(200, {"models": []}),
                FakeResponse(200, {"id": "r 1"}),
                http_error(404, {"error": {"code": "DW_MODEL_NOT_FOUND", "message": "no", "field": "model"}}),
            ]
        )
        self.assertEqual(client.series("drift.share", start=dt.datetime(1970, 1, 1), window="1d"), {"points": []})
        client.window("2024-05-01T12:00:00Z")
        client.models()
        client.record("r 1", model="x")
        with self.assertRaises(DriftwatchApiError) as ctx:
            client.health()
        self.assertEqual((ctx.exception.status, ctx.exception.code, ctx.exception.field), (404, "DW_MODEL_NOT_FOUND", "model"))
        base = "http://dw.test:7700/v1/projects/shop%20floor"
        self.assertEqual(
            [c["url"] for c in server.calls],
            [
                base + "/models/churn%2Fv2/series?metric=drift.share&from=1970-01-01T00%3A00%3A00Z&window=1d",
                base + "/models/churn%2Fv2/windows/2024-05-01T12%3A00%3A00Z?window=1h",
                base + "/models",
                base + "/models/x/records/r%201",
                base + "/models/churn%2Fv2/health",
            ],
        )


LIVE = all(os.environ.get(k) for k in ("DRIFTWATCH_URL", "DRIFTWATCH_KEY", "DRIFTWATCH_PROJECT"))


@unittest.skipUnless(LIVE, "set DRIFTWATCH_URL, DRIFTWATCH_KEY and DRIFTWATCH_PROJECT to run against a server")
class LiveServerTest(unittest.TestCase):
    """Against a real server. Model `py-model`, ids `py-<n>`: the Vitest side checks them in the database."""

    def client(self, **kw):
        return DriftwatchClient(
            os.environ["DRIFTWATCH_URL"],
            key=os.environ["DRIFTWATCH_KEY"],
            project=os.environ["DRIFTWATCH_PROJECT"],
            model="py-model",
            **kw,
        )

    def test_1_send_predictions_labels_feedback(self):
        errors = []
        with self.client(batch_size=500, flush_interval=0.05, on_error=errors.append) as dw:
            for i in range(1200):
                dw.log_prediction(
                    id="py-%d" % i,
                    features={"age": 20 + i % 50, "plan": "pro" if i % 3 == 0 else "basic", "active": i % 2 == 0},
                    prediction=i % 2,
                    score=(i % 100) / 100.0,
                    latency_ms=2.5,
                    segments={"region": "eu" if i % 2 else "us"},
                )
            dw.flush()
            dw.log_label("py-0", 1)
            dw.log_label("py-1", 0, timestamp=dt.datetime.now(dt.timezone.utc))
            dw.log_feedback("py-2", kind="correction", value=1, comment="was right", author="qa")
        self.assertEqual(errors, [])
        self.assertEqual(dw.stats["accepted"], 1203)
        self.assertEqual(dw.stats["failed"], 0)
        self.assertEqual(dw.stats["rejected"], 0)

        reader = self.client(flush_interval=0)
        rec = reader.record("py-0")
        self.assertEqual(rec["id"], "py-0")
        self.assertEqual(rec["label"]["target"], 1)
        self.assertEqual(rec["features"]["plan"], "pro")
        fb = reader.record("py-2")["feedback"]
        self.assertEqual([(f["kind"], f["comment"]) for f in fb], [("correction", "was right")])
        self.assertIn("py-model", [m["name"] for m in reader.models()["models"]])
        with self.assertRaises(DriftwatchApiError) as ctx:
            reader.record("py-no-such-id")
        self.assertEqual(ctx.exception.status, 404)
        reader.close()

    def test_2_resent_ids_are_duplicates(self):
        with self.client(flush_interval=0, gzip=True) as dw:
            for i in range(10):
                dw.log_prediction(id="py-%d" % i, features={"age": 1})
            r = dw.flush()
        self.assertEqual((r["accepted"], r["duplicates"], r["failed"]), (0, 10, 0))

    def test_3_validation_errors_are_reported_per_record(self):
        with self.client(flush_interval=0) as dw:
            dw.log_prediction(id="py-bad", features={"age": {"nested": 1}})
            r = dw.flush()
        self.assertEqual(r["rejected"], 1)
        self.assertEqual(r["errors"][0]["index"], 0)
        self.assertTrue(r["errors"][0]["field"].startswith("features"))


if __name__ == "__main__":
    unittest.main()

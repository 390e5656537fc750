"""driftwatch client for Python: one file, standard library only (Python >= 3.8).

Send predictions, labels and feedback to a driftwatch server, and query it::

    from driftwatch_client import DriftwatchClient

    with DriftwatchClient("http://127.0.0.1:7700", key="dwk_...", project="shop", model="churn") as dw:
        rid = dw.log_prediction(features={"age": 42, "plan": "pro"}, prediction=1, score=0.83)
        dw.log_label(rid, target=0)          # may come hours later, from another process
    # leaving the block flushes and closes

Records are buffered per (kind, model) and sent in batches of ``batch_size`` by a background thread (also every
``flush_interval`` seconds). Every record gets its id when it is logged, so a batch that is re-sent after a timeout is
counted by the server as duplicates, never stored twice. Failed requests (network errors, timeouts, 408, 429, 5xx)
are retried up to ``max_retries`` times with exponential backoff and full jitter (Marc Brooker, "Exponential Backoff
And Jitter", AWS Architecture Blog, 2015: the delay before retry n is uniform in [0, min(max_delay, base * 2**n))),
never sooner than the server's ``Retry-After``. Other answers (400, 401, 403, 404, ...) are not retried.

Logging never raises because of the network: failures go to ``on_error`` and to ``stats``. Call ``close()`` (or use
the ``with`` block) before the program ends; an ``atexit`` hook flushes as a last resort.
"""

import atexit
import datetime as _dt
import gzip as _gzip
import json
import random as _random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

__all__ = ["DriftwatchClient", "DriftwatchApiError", "DriftwatchClientError", "backoff_delay", "parse_retry_after"]
__version__ = "0.1.0"

RETRYABLE_STATUSES = frozenset([408, 429]) | frozenset(range(500, 600))


class DriftwatchClientError(Exception):
    """Misuse of the client (no model, closed client, bad record), with a stable ``code``."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class DriftwatchApiError(Exception):
    """A non-2xx answer (after retries where retryable), or no answer at all (``status`` 0)."""

    def __init__(self, status, code, message, field=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.field = field


def backoff_delay(attempt, base_delay, max_delay, rand, retry_after=None):
    """Seconds to wait before retry ``attempt`` (0 = first retry): full jitter, at least ``retry_after``."""
    ceiling = min(max_delay, base_delay * (2 ** min(attempt, 30)))
    delay = rand() * ceiling
    return max(retry_after, delay) if retry_after is not None else delay


def parse_retry_after(value, now=None, cap=120.0):
    """``Retry-After`` (RFC 9110 section 10.2.3) in seconds: delay-seconds or an HTTP-date; None when unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        import email.utils

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    now = time.time() if now is None else now
    return min(max(0.0, when.timestamp() - now), cap)


def _timestamp(value, now):
    """RFC 3339 string, epoch milliseconds or a datetime (naive = UTC); default: now, in epoch ms."""
    if value is None:
        return int(now() * 1000)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.astimezone(_dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DriftwatchClientError("DW_CLIENT_BAD_RECORD", "timestamp must be an RFC 3339 string, epoch ms or datetime")
    return value


def _compact(d):
    return {k: v for k, v in d.items() if v is not None}


class _Buffer:
    __slots__ = ("kind", "model", "items")

    def __init__(self, kind, model):
        self.kind = kind
        self.model = model
        self.items = []


class DriftwatchClient:
    """Buffered, retrying client of one project (and optionally a default model).

    :param url: server URL, e.g. ``http://127.0.0.1:7700``
    :param key: API key (``ingest`` scope to send, ``read`` for the query helpers)
    :param project: project name
    :param model: default model for records and queries
    :param batch_size: records per request, and the buffer size that wakes the sender (default 500)
    :param flush_interval: seconds between background flushes; 0 disables the thread (default 1.0)
    :param max_retries: retries per request after the first attempt (default 5)
    :param base_delay: first backoff ceiling, seconds (default 0.25)
    :param max_delay: largest backoff ceiling, seconds (default 30)
    :param timeout: per-attempt timeout, seconds (default 30)
    :param max_buffered: records held at most; beyond it new records are dropped and reported (default 100 000)
    :param gzip: gzip request bodies (default False)
    :param on_error: called with the exception of a failed background send or a dropped record
    :param urlopen: ``urllib.request.urlopen``-compatible callable (tests)
    :param rand: uniform [0, 1) source for the jitter (tests)
    :param sleep: sleep function (tests)
    :param now: clock in seconds (tests)
    :param id_factory: record-id generator (default: uuid4 strings)
    """

    def __init__(
        self,
        url,
        key=None,
        project=None,
        model=None,
        batch_size=500,
        flush_interval=1.0,
        max_retries=5,
        base_delay=0.25,
        max_delay=30.0,
        timeout=30.0,
        max_buffered=100_000,
        gzip=False,
        on_error=None,
        urlopen=None,
        rand=None,
        sleep=None,
        now=None,
        id_factory=None,
    ):
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            raise DriftwatchClientError("DW_CLIENT_BAD_OPTION", "url must be an http:// or https:// URL")
        if not project:
            raise DriftwatchClientError("DW_CLIENT_BAD_OPTION", "project is required")
        if int(batch_size) < 1:
            raise DriftwatchClientError("DW_CLIENT_BAD_OPTION", "batch_size must be >= 1")
        if int(max_retries) < 0:
            raise DriftwatchClientError("DW_CLIENT_BAD_OPTION", "max_retries must be >= 0")
        self.url = url.rstrip("/")
        self.key = key
        self.project = project
        self.model = model
        self.batch_size = int(batch_size)
        self.flush_interval = float(flush_interval)
        self.max_retries = int(max_retries)
        self.base_delay = float(base_delay)
        self.max_delay = float(max_delay)
        self.timeout = float(timeout)
        self.max_buffered = int(max_buffered)
        self.gzip = bool(gzip)
        self._on_error = on_error if on_error is not None else self._default_on_error
        self._urlopen = urlopen if urlopen is not None else urllib.request.urlopen
        self._rand = rand if rand is not None else _random.random
        self._sleep = sleep if sleep is not None else time.sleep
        self._now = now if now is not None else time.time
        self._id_factory = id_factory if id_factory is not None else (lambda: str(uuid.uuid4()))

        self.stats = {"accepted": 0, "duplicates": 0, "rejected": 0, "failed": 0, "dropped": 0, "requests": 0, "retries": 0}
        self._buffers = {}
        self._pending = 0
        self._lock = threading.Lock()  # buffers and stats
        self._send_lock = threading.Lock()  # one sender at a time (background thread or flush())
        self._wake = threading.Event()
        self._closed = False
        self._thread = None
        if self.flush_interval > 0:
            self._thread = threading.Thread(target=self._run, name="driftwatch-client", daemon=True)
            self._thread.start()
        atexit.register(self._atexit)

    # ------------------------------------------------------------------------------------------------------------
    # Logging

    def log_prediction(
        self,
        features=None,
        prediction=None,
        id=None,
        timestamp=None,
        version=None,
        score=None,
        scores=None,
        segments=None,
        latency_ms=None,
        error=None,
        model=None,
    ):
        """Buffers one prediction; returns its id (given or generated) for the label that may follow."""
        rid = id if id is not None else self._id_factory()
        record = _compact(
            {
                "id": rid,
                "timestamp": _timestamp(timestamp, self._now),
                "version": version,
                "features": features,
                "prediction": prediction,
                "score": score,
                "scores": scores,
                "segments": segments,
                "latencyMs": latency_ms,
            }
        )
        if error is not None:
            record["error"] = error
        self._enqueue("predictions", model, record)
        return rid

    def log_label(self, id, target, timestamp=None, model=None):
        """Buffers the label (ground truth) of the prediction ``id``."""
        if not isinstance(id, str) or not id:
            raise DriftwatchClientError("DW_CLIENT_BAD_RECORD", "a label needs the id of its prediction")
        self._enqueue("labels", model, {"id": id, "target": target, "timestamp": _timestamp(timestamp, self._now)})

    def log_feedback(
        self, record_id, kind=None, value=None, comment=None, author=None, timestamp=None, id=None, model=None
    ):
        """Buffers feedback (a human correction or comment) on the prediction ``record_id``; returns its id."""
        if not isinstance(record_id, str) or not record_id:
            raise DriftwatchClientError("DW_CLIENT_BAD_RECORD", "feedback needs the record_id of its prediction")
        fid = id if id is not None else self._id_factory()
        record = _compact(
            {
                "id": fid,
                "recordId": record_id,
                "kind": kind,
                "value": value,
                "comment": comment,
                "author": author,
                "timestamp": _timestamp(timestamp, self._now),
            }
        )
        self._enqueue("feedback", model, record)
        return fid

    @property
    def pending(self):
        """Records waiting in the buffer."""
        with self._lock:
            return self._pending

    def flush(self):
        """Sends everything buffered so far (in this thread); returns the summed answers as a dict."""
        return self._drain()

    def close(self):
        """Stops the background thread, sends what is left and refuses further records. Idempotent."""
        with self._lock:
            already = self._closed
            self._closed = True
        if self._thread is not None and not already:
            self._wake.set()
            self._thread.join(timeout=max(self.timeout * (self.max_retries + 1), 1.0))
        try:
            atexit.unregister(self._atexit)
        except Exception:  # pragma: no cover - interpreter shutting down
            pass
        return self._drain()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # ------------------------------------------------------------------------------------------------------------
    # Queries (read scope)

    def models(self):
        """``GET /v1/projects/{project}/models``."""
        return self._request("GET", self._project_path() + "/models")

    def series(self, metric, model=None, start=None, end=None, window=None, segment=None, version=None):
        """``GET .../models/{model}/series?metric=...&from=...&to=...`` -> ``{"points": [...]}``."""
        query = _compact(
            {
                "metric": metric,
                "from": _query_time(start),
                "to": _query_time(end),
                "window": window,
                "segment": segment,
                "version": version,
            }
        )
        return self._request("GET", self._model_path(model) + "/series", query=query)

    def window(self, start, model=None, window="1h"):
        """``GET .../models/{model}/windows/{start}?window=1h|1d``: the window's report."""
        path = self._model_path(model) + "/windows/" + urllib.parse.quote(str(_query_time(start)), safe="")
        return self._request("GET", path, query={"window": window})

    def record(self, id, model=None):
        """``GET .../models/{model}/records/{id}``: one record with its label and version."""
        return self._request("GET", self._model_path(model) + "/records/" + urllib.parse.quote(id, safe=""))

    def health(self, model=None):
        """``GET .../models/{model}/health``."""
        return self._request("GET", self._model_path(model) + "/health")

    # ------------------------------------------------------------------------------------------------------------
    # Internals

    @staticmethod
    def _default_on_error(error):
        import sys

        sys.stderr.write("driftwatch client: %s\n" % (error,))

    def _project_path(self):
        return "/v1/projects/" + urllib.parse.quote(self.project, safe="")

    def _model_path(self, model):
        m = model if model is not None else self.model
        if not m:
            raise DriftwatchClientError("DW_CLIENT_NO_MODEL", "no model: pass model= to the client or to this call")
        return self._project_path() + "/models/" + urllib.parse.quote(m, safe="")

    def _enqueue(self, kind, model, record):
        m = model if model is not None else self.model
        if not m:
            raise DriftwatchClientError("DW_CLIENT_NO_MODEL", "no model: pass model= to the client or to this call")
        try:
            # Fail here, in the caller, rather than losing a whole batch later: NaN/Infinity are not JSON.
            json.dumps(record, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise DriftwatchClientError("DW_CLIENT_BAD_RECORD", "record is not JSON-serialisable: %s" % e)
        wake = False
        with self._lock:
            if self._closed:
                raise DriftwatchClientError("DW_CLIENT_CLOSED", "the client is closed")
            if self._pending >= self.max_buffered:
                self.stats["dropped"] += 1
                dropped = True
            else:
                dropped = False
                buf = self._buffers.get((kind, m))
                if buf is None:
                    buf = self._buffers[(kind, m)] = _Buffer(kind, m)
                buf.items.append(record)
                self._pending += 1
                wake = len(buf.items) >= self.batch_size
        if dropped:
            self._on_error(
                DriftwatchClientError(
                    "DW_CLIENT_BUFFER_FULL",
                    "buffer full (%d records): record dropped - is the server reachable?" % self.max_buffered,
                )
            )
        elif wake:
            if self._thread is not None:
                self._wake.set()
            else:
                self._drain()

    def _run(self):
        while True:
            self._wake.wait(self.flush_interval)
            self._wake.clear()
            with self._lock:
                closed = self._closed
            try:
                self._drain()
            except Exception as e:  # never let the thread die
                self._on_error(e)
            if closed:
                return

    def _drain(self):
        result = {"accepted": 0, "duplicates": 0, "rejected": 0, "failed": 0, "errors": []}
        with self._send_lock:
            with self._lock:
                work = [b for b in self._buffers.values() if b.items]
                batches = []
                for b in work:
                    items, b.items = b.items, []
                    self._pending -= len(items)
                    batches.append((b.kind, b.model, items))
            for kind, model, items in batches:
                for i in range(0, len(items), self.batch_size):
                    self._send(kind, model, items[i : i + self.batch_size], result)
        with self._lock:
            for k in ("accepted", "duplicates", "rejected", "failed"):
                self.stats[k] += result[k]
        return result

    def _send(self, kind, model, items, result):
        body = json.dumps(items, allow_nan=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.gzip:
            body = _gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        with self._lock:
            self.stats["requests"] += 1
        try:
            answer = self._request("POST", self._model_path(model) + "/" + kind, body=body, headers=headers)
        except DriftwatchApiError as e:
            # Too large for the server: halve and try again (ids make any overlap harmless).
            if e.status == 413 and len(items) > 1:
                mid = (len(items) + 1) // 2
                self._send(kind, model, items[:mid], result)
                self._send(kind, model, items[mid:], result)
                return
            result["failed"] += len(items)
            self._on_error(e)
            return
        answer = answer or {}
        result["accepted"] += int(answer.get("accepted", 0))
        result["duplicates"] += int(answer.get("duplicates", 0))
        result["rejected"] += int(answer.get("rejected", 0))
        for err in answer.get("errors", []) or []:
            result["errors"].append(dict(err, kind=kind, model=model))

    def _request(self, method, path, query=None, body=None, headers=None):
        url = self.url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: str(v) for k, v in query.items() if v is not None})
        all_headers = {"Accept": "application/json", "User-Agent": "driftwatch-python/" + __version__}
        if self.key:
            all_headers["Authorization"] = "Bearer " + self.key
        all_headers.update(headers or {})
        attempt = 0
        while True:
            retry_after = None
            req = urllib.request.Request(url, data=body, method=method, headers=all_headers)
            try:
                with self._urlopen(req, timeout=self.timeout) as res:
                    return _decode(res.read(), res.headers.get("Content-Type"))
            except urllib.error.HTTPError as e:
                status = e.code
                try:
                    payload = _decode(e.read(), e.headers.get("Content-Type") if e.headers else None)
                except Exception:
                    payload = None
                failure = _api_error(status, payload)
                if status not in RETRYABLE_STATUSES:
                    raise failure
                retry_after = parse_retry_after(e.headers.get("Retry-After") if e.headers else None, self._now())
            except (urllib.error.URLError, OSError, ValueError) as e:
                # URLError (refused, DNS), socket timeouts, resets; ValueError from a broken HTTP response.
                reason = getattr(e, "reason", e)
                timed_out = "timed out" in str(reason)
                failure = DriftwatchApiError(
                    0,
                    "DW_CLIENT_TIMEOUT" if timed_out else "DW_CLIENT_NETWORK",
                    "Cannot reach %s: %s" % (self.url, reason),
                )
            if attempt >= self.max_retries:
                raise failure
            with self._lock:
                self.stats["retries"] += 1
            self._sleep(backoff_delay(attempt, self.base_delay, self.max_delay, self._rand, retry_after))
            attempt += 1

    def _atexit(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - best effort at interpreter exit
            pass


def _query_time(t):
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=_dt.timezone.utc)
        return t.astimezone(_dt.timezone.utc).isoformat().replace("+00:00", "Z")
    return t


def _decode(raw, content_type):
    if not raw:
        return None
    text = raw.decode("utf-8", "replace")
    if content_type and "json" in content_type:
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _api_error(status, payload):
    err = payload.get("error") if isinstance(payload, dict) else None
    err = err if isinstance(err, dict) else {}
    return DriftwatchApiError(
        status,
        err.get("code") or "DW_CLIENT_HTTP_%d" % status,
        err.get("message") or "HTTP %d" % status,
        err.get("field"),
    )

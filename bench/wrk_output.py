"""What wrk prints, read once for every benchmark that runs it (`python3 wrk_output.py` checks
the reader against a sample of wrk 4.1's own output)."""

from __future__ import annotations

import re


def read(out: str) -> dict | None:
    """requests, seconds, p50/p99 (ms, None when not printed), non-2xx answers and socket errors
    (their sum and wrk's own line); None when wrk printed no result."""
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    if not m:
        return None
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)

    def latency(q):
        mm = re.search(rf"^\s+{q}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(mm.group(1)) * {"us": 1e-3, "ms": 1, "s": 1000}[mm.group(2)] if mm else None
    return {"requests": int(m.group(1)),
            "seconds": float(m.group(2)) * {"s": 1, "ms": 1e-3, "m": 60}[m.group(3)],
            "p50_ms": latency(50), "p99_ms": latency(99),
            "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(int(x) for x in errs.groups()) if errs else 0,
            "socket_errors_detail": errs.group(0) if errs else ""}


SAMPLE = """Running 6s test @ http://127.255.0.1/health
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.61ms    1.94ms  40.12ms   89.10%
    Req/Sec    12.10k     1.02k   14.33k    71.67%
  Latency Distribution
     50%    2.40ms
     75%    3.01ms
     90%    4.20ms
     99%  950.00us
  144531 requests in 6.00s, 30.21MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  24088.50
"""

if __name__ == "__main__":
    r = read(SAMPLE)
    p99 = r.pop("p99_ms")
    assert abs(p99 - 0.95) < 1e-9, p99
    assert r == {"requests": 144531, "seconds": 6.0, "p50_ms": 2.4, "non2xx": 4, "socket_errors": 3,
                 "socket_errors_detail": "Socket errors: connect 0, read 2, write 0, timeout 1"}, r
    assert read("wrk: connection refused") is None
    print("ok")

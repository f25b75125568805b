#!/usr/bin/env python3
"""Measures a kring server's start-up for scripts/bench.

    ready.py STDOUT_FILE START_NS PID

STDOUT_FILE is where the server's stdout goes, START_NS the time.time_ns() taken just before
it was launched, PID its process id. Waits for the "listening on http://HOST:PORT" line, then
for GET /healthz to answer 200, polling both about every millisecond, and prints one line:

    PORT LISTEN_MS HEALTHZ_MS HEALTHZ_BODY

Exits 1 when the server dies or nothing happens within 300 s. Python 3 standard library only.
"""
import os
import re
import sys
import time
import urllib.request

LISTEN_RE = re.compile(rb"listening on https?://([^:/\s]+):(\d+)")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    # A zombie (exited, not yet reaped by the shell) is not alive either.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def main():
    out_file, start_ns, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    deadline = time.time() + 300
    port = None
    while port is None:
        try:
            with open(out_file, "rb") as f:
                m = LISTEN_RE.search(f.read())
            if m:
                listen_ms = (time.time_ns() - start_ns) / 1e6
                host, port = m.group(1).decode(), int(m.group(2))
                break
        except OSError:
            pass
        if not alive(pid) or time.time() > deadline:
            sys.exit(1)
        time.sleep(0.0005)
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    url = f"http://{host}:{port}/healthz"
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                body = r.read().decode("utf-8", "replace").strip()
                if r.status == 200:
                    healthz_ms = (time.time_ns() - start_ns) / 1e6
                    break
        except Exception:
            pass
        if not alive(pid) or time.time() > deadline:
            sys.exit(1)
        time.sleep(0.001)
    print(f"{port} {listen_ms:.1f} {healthz_ms:.1f} {body.replace(' ', '')}")


if __name__ == "__main__":
    main()

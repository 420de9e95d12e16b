#!/usr/bin/env python3
"""Many slow or idle HTTP clients against a server on loopback (for bench/hardening.sh).

  --mode headers   send a request line and one header, then one more header line every
                   --interval seconds (slowloris); report when the server hung up on each.
  --mode body      send headers with Content-Length 100000, then one body byte per interval.
  --mode idle      send one complete GET, read the answer, then hold the connection silently.

Connections come from 127.0.0.2, 127.0.0.3, … (--per-address each), so per-address limits
apply as for many different clients. Loopback only; bounded by --seconds.
"""
import argparse, errno, selectors, socket, sys, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--per-address", type=int, default=100)
    ap.add_argument("--mode", choices=["headers", "body", "idle"], default="headers")
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--path", default="/en/")
    a = ap.parse_args()

    start = time.monotonic()
    socks, opened, failed = [], 0, 0
    for i in range(a.connections):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind(("127.0.0.%d" % (2 + i // a.per_address), 0))
            s.connect(("127.0.0.1", a.port))
        except OSError:
            failed += 1
            s.close()
            continue
        if a.mode == "idle":
            s.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n" % a.path).encode())
        elif a.mode == "headers":
            s.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\n" % a.path).encode())
        else:
            s.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n")
        s.setblocking(False)
        socks.append(s)
        opened += 1

    closed_at = {}
    answered = 0
    if a.mode == "idle":
        pending = {s: b"" for s in socks}
        sel = selectors.DefaultSelector()
        for s in socks:
            sel.register(s, selectors.EVENT_READ)
        while pending and time.monotonic() - start < a.seconds:
            for key, _ in sel.select(timeout=0.5):
                s = key.fileobj
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    closed_at[s] = time.monotonic() - start
                    pending.pop(s, None); sel.unregister(s); continue
                pending[s] += data
                head, sep, body = pending[s].partition(b"\r\n\r\n")
                if sep:
                    length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")), 0)
                    if len(body) >= length:
                        answered += 1
                        pending.pop(s, None); sel.unregister(s)
        print("idle: %d opened, %d refused at connect, %d answered; holding them silently" % (opened, failed, answered), flush=True)
        while time.monotonic() - start < a.seconds:
            time.sleep(0.5)
    else:
        drip = b"X-Slow: a\r\n" if a.mode == "headers" else b"a"
        while time.monotonic() - start < a.seconds and len(closed_at) < len(socks):
            time.sleep(a.interval)
            for s in socks:
                if s in closed_at:
                    continue
                try:
                    s.send(drip)
                    if s.recv(1, socket.MSG_PEEK) == b"":
                        closed_at[s] = time.monotonic() - start
                except BlockingIOError:
                    pass
                except OSError:
                    closed_at[s] = time.monotonic() - start
    times = sorted(closed_at.values())
    still_open = len(socks) - len(times)
    if times:
        print("%s: %d opened, %d refused at connect; server hung up on %d (first after %.1f s, last after %.1f s); %d still open after %.0f s"
              % (a.mode, opened, failed, len(times), times[0], times[-1], still_open, a.seconds))
    else:
        print("%s: %d opened, %d refused at connect; none closed by the server; %d still open after %.0f s"
              % (a.mode, opened, failed, still_open, a.seconds))
    for s in socks:
        s.close()

if __name__ == "__main__":
    sys.exit(main())

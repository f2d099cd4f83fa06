#!/usr/bin/env python3
"""Serves live /metrics bodies of real exporters to many scrape targets at once, for bench/capacity/lab.

Each PATH=URL argument is fetched once every REFRESH seconds and the latest body is served at /PATH to every
request. A Prometheus that scrapes this server as N targets (N instance labels) then holds N copies of the real
exporter's series whose values change as the real ones do, without asking the real exporter N times per interval.

Usage: metrics-replay.py PORT REFRESH PATH=URL [PATH=URL...]
"""
import http.server
import sys
import threading
import time
import urllib.request

port, refresh = int(sys.argv[1]), float(sys.argv[2])
sources = dict(arg.split("=", 1) for arg in sys.argv[3:])
bodies = {path: b"" for path in sources}


def refresh_bodies():
    while True:
        for path, url in sources.items():
            try:
                with urllib.request.urlopen(url, timeout=refresh) as answer:
                    bodies[path] = answer.read()
            except OSError as error:  # a missed refresh keeps the previous body; the next one tries again
                print(f"metrics-replay: {url}: {error}", file=sys.stderr)
        time.sleep(refresh)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = bodies.get(self.path.lstrip("/").split("?", 1)[0])
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


threading.Thread(target=refresh_bodies, daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
server.serve_forever()

#!/usr/bin/env python3
"""HTTP(S) test server for Vedetta's tests (stdlib only), started by HTTPServerFixture on 127.0.0.1.

Routes (any method):
  /ok               200 "ok"
  /status/<code>    that status, body "status <code>"
  /slow/<ms>        sleeps <ms> milliseconds, then 200 "slow"
  /redirect         302 to /ok
  /redirect/<n>     302 to /redirect/<n-1>; /redirect/0 redirects to /ok
  /big/<bytes>      200 with a body of <bytes> "x" characters
  /json/<name>      200 with a JSON health document: healthy, degraded, or broken (not JSON)
  /auth/basic       200 with Authorization "Basic" monitor:s3cret pass, else 401
  /auth/bearer      200 with Authorization "Bearer tok-123", else 401
  anything else     200 "ok" (so any path can serve as a webhook receiver)

Recorder and control (paths starting with "/_" are never recorded nor failed):
  GET    /_requests   every recorded request as JSON: [{method, path, headers, body, status}]
  DELETE /_requests   clears the record
  POST   /_fail/<n>   the next <n> recorded requests answer 503

Usage: server.py --port PORT [--cert CERT --key KEY [--client-ca CA]]
  --client-ca: the TLS handshake requires a client certificate signed by CA
"""

import argparse
import base64
import json
import signal
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
RECORDED = []
FAILURES = {"remaining": 0}
JSON_DOCUMENTS = {
    "healthy": {"status": "ok", "version": "2.1.0", "uptime": 12345.5,
                "queue": {"waiting": 7, "agents": [{"name": "anna", "ready": True}, {"name": "marco", "ready": False}]}},
    "degraded": {"status": "degraded", "version": "2.1.0", "uptime": 12345.5,
                 "queue": {"waiting": 27, "agents": [{"name": "anna", "ready": False}]}},
}
BASIC = "Basic " + base64.b64encode(b"monitor:s3cret pass").decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "VedettaFixture/1.0"

    def do_GET(self):
        self.handle_any()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_GET

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))

    def handle_any(self):
        body = self.read_body()
        path = self.path.split("?", 1)[0]
        if path.startswith("/_"):
            self.control(path)
            return
        with LOCK:
            failing = FAILURES["remaining"] > 0
            if failing:
                FAILURES["remaining"] -= 1
            headers = {}
            for name, value in self.headers.items():
                key = name.lower()
                headers[key] = headers[key] + ", " + value if key in headers else value
            RECORDED.append({
                "method": self.command,
                "path": self.path,
                "headers": headers,
                "body": body.decode("utf-8", errors="replace"),
                "status": 503 if failing else self.planned_status(path),
            })
        if failing:
            self.reply(503, b"failing on purpose")
        else:
            self.route(path)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def planned_status(self, path):
        parts = path.strip("/").split("/")
        if parts[0] == "status" and len(parts) >= 2 and parts[1].isdigit():
            return int(parts[1])
        if parts[0] == "redirect":
            return 302
        if parts[0] == "auth":
            return 200 if self.headers.get("Authorization") in (BASIC, "Bearer tok-123") else 401
        return 200

    def route(self, path):
        parts = path.strip("/").split("/")
        name, arg = parts[0], (parts[1] if len(parts) > 1 else None)
        number = int(arg) if arg is not None and arg.isdigit() else None
        if name == "status" and number is not None:
            self.reply(number, ("status %d" % number).encode())
        elif name == "slow" and number is not None:
            time.sleep(number / 1000.0)
            self.reply(200, b"slow")
        elif name == "redirect":
            target = "/ok" if not number else "/redirect/%d" % (number - 1)
            self.reply(302, b"redirect", {"Location": target})
        elif name == "big" and number is not None:
            self.reply(200, b"x" * number)
        elif name == "json" and arg in JSON_DOCUMENTS:
            self.reply(200, json.dumps(JSON_DOCUMENTS[arg]).encode(), {"Content-Type": "application/json"})
        elif name == "json":
            self.reply(200, b'{"status": "ok", "queue": ', {"Content-Type": "application/json"})
        elif name == "auth" and arg in ("basic", "bearer"):
            expected = BASIC if arg == "basic" else "Bearer tok-123"
            if self.headers.get("Authorization") == expected:
                self.reply(200, b"authorized")
            else:
                self.reply(401, b"unauthorized", {"WWW-Authenticate": "Basic realm=\"vedetta\""})
        else:
            self.reply(200, b"ok")

    def control(self, path):
        if path == "/_requests" and self.command == "GET":
            with LOCK:
                data = json.dumps(RECORDED).encode()
            self.reply(200, data, {"Content-Type": "application/json"})
        elif path == "/_requests" and self.command == "DELETE":
            with LOCK:
                RECORDED.clear()
                FAILURES["remaining"] = 0
            self.reply(200, b"cleared")
        elif path.startswith("/_fail/") and self.command == "POST" and path[len("/_fail/"):].isdigit():
            with LOCK:
                FAILURES["remaining"] = int(path[len("/_fail/"):])
            self.reply(200, b"failing")
        else:
            self.reply(404, b"unknown control route")

    def reply(self, status, body, headers=None):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout or cancellation tests)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver listens with a backlog of 5: a burst of simultaneous checks would lose SYNs and time out.
    request_queue_size = 128
    tls = None

    def finish_request(self, request, client_address):
        # The TLS handshake runs here, in the connection's own thread, so a silent client blocks nobody.
        if self.tls is not None:
            request.settimeout(30)
            request = self.tls.wrap_socket(request, server_side=True)
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        sys.stderr.write("connection from %s ended: %r\n" % (client_address, error))


def main():
    # The Swift test runner's threads block most signals and a spawned child inherits that mask:
    # unblock the ones used to stop us, so SIGTERM ends the server at once.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        if args.client_ca:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(args.client_ca)
        server.tls = context
    sys.stderr.write("listening on 127.0.0.1:%d (%s)\n" % (args.port, "https" if args.cert else "http"))
    sys.stderr.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

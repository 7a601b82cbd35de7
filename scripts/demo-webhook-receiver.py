#!/usr/bin/env python3
"""Demo webhook receiver: prints each notification Vedetta sends, one line per page (stdlib only)."""

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        try:
            document = json.loads(body)
            incident = document.get("incident", {})
            line = "PAGE %-9s #%s %s" % (document.get("event", "?"), incident.get("id", "?"), document.get("subject", ""))
            if document.get("event") == "restored" and incident.get("time_to_restore_seconds") is not None:
                line += " (time to restore %.1fs)" % incident["time_to_restore_seconds"]
        except ValueError:
            line = "PAGE (not JSON) %r" % body[:200]
        print(line, flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18081)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Receiver)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()

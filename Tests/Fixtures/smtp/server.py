#!/usr/bin/env python3
"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, writing every message it accepts to a spool.

  --mode plain      SMTP without TLS
  --mode starttls   SMTP that requires STARTTLS before MAIL (--cert and --key)
  --mode tls        SMTP over TLS from the first byte (implicit TLS, --cert and --key)
  --auth USER:PASS  require AUTH (PLAIN or LOGIN) with these credentials
  --spool DIR       each accepted message becomes DIR/<n>.json: {"mail_from", "rcpt_tos", "data"}, and what
                    Python's email parser reads in it: "subject", "message_id", "references", "text", "html"

Stopped by SIGTERM (the tests stop it by PID).
"""
import argparse
import email
import email.policy
import json
import os
import signal
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Spool:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = parsed.get_body(("plain",))
        html = parsed.get_body(("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "subject": str(parsed["subject"]),
            "message_id": str(parsed["message-id"]),
            "references": str(parsed["references"]),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        path = os.path.join(self.directory, "%04d.json" % self.count)
        with open(path + ".tmp", "w") as handle:
            json.dump(record, handle)
        os.rename(path + ".tmp", path)
        return "250 OK queued as %d" % self.count


def authenticator(expected):
    user, password = expected.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    return check


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "tls"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth")
    parser.add_argument("--spool", required=True)
    args = parser.parse_args()

    context = None
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    options = {"hostname": "127.0.0.1", "port": args.port}
    if args.mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    elif args.mode == "tls":
        options.update(ssl_context=context)
    if args.auth:
        options.update(authenticator=authenticator(args.auth), auth_required=True,
                       auth_require_tls=args.mode == "starttls")  # aiosmtpd cannot see implicit TLS
    controller = Controller(Spool(args.spool), server_hostname="smtp.vedetta.test", **options)
    controller.start()
    print("listening on %d (%s)" % (args.port, args.mode), flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()

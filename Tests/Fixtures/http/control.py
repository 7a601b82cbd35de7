#!/usr/bin/env python3
"""Sends one control request to the fixture server and prints the response body (stdlib only).

Usage: control.py METHOD URL [--cafile CERT] [--header "Name: value"]... [--content-type] [--body JSON --status]
With --content-type the first line printed is the response's Content-Type, then the body.
With --body the text is sent as the JSON request body. With --status the first line printed is the HTTP status and
any answer exits 0 (the body of an error answer is printed too).
Exits 0 for a 2xx answer, 1 otherwise (the error goes to stderr).
"""

import argparse
import ssl
import sys
import urllib.error
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("method")
    parser.add_argument("url")
    parser.add_argument("--cafile")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--content-type", action="store_true")
    parser.add_argument("--body")
    parser.add_argument("--status", action="store_true")
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.cafile) if args.cafile else None
    data = args.body.encode("utf-8") if args.body is not None else (b"" if args.method == "POST" else None)
    request = urllib.request.Request(args.url, method=args.method, data=data)
    if args.body is not None:
        request.add_header("Content-Type", "application/json")
    for header in args.header:
        name, _, value = header.partition(":")
        request.add_header(name.strip(), value.strip())
    try:
        with urllib.request.urlopen(request, timeout=20, context=context) as response:
            if args.status:
                sys.stdout.write("%d\n" % response.status)
            if args.content_type:
                sys.stdout.write(response.headers.get("Content-Type", "") + "\n")
            sys.stdout.write(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        if not args.status:
            sys.stderr.write("%s %s failed: %s\n" % (args.method, args.url, error))
            sys.exit(1)
        sys.stdout.write("%d\n" % error.code)
        sys.stdout.write(error.read().decode("utf-8"))
    except (urllib.error.URLError, OSError) as error:
        sys.stderr.write("%s %s failed: %s\n" % (args.method, args.url, error))
        sys.exit(1)


if __name__ == "__main__":
    main()

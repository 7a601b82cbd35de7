#!/usr/bin/env python3
"""Sends one control request to the fixture server and prints the response body (stdlib only).

Usage: control.py METHOD URL [--cafile CERT]
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
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.cafile) if args.cafile else None
    request = urllib.request.Request(args.url, method=args.method, data=b"" if args.method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=20, context=context) as response:
            sys.stdout.write(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError) as error:
        sys.stderr.write("%s %s failed: %s\n" % (args.method, args.url, error))
        sys.exit(1)


if __name__ == "__main__":
    main()

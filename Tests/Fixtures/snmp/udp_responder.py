#!/usr/bin/env python3
"""A misbehaving SNMP agent for Vedetta's fault tests (stdlib only), started by UDPResponderFixture.

It listens on 127.0.0.1 (UDP) and, depending on --mode:
  silent     reads every request and never answers: a device whose agent is hung
  garbage    answers every request with random bytes (--seed makes them repeatable)
  proxy      relays requests to a real agent (--upstream HOST:PORT) and its replies back
  truncated  like proxy, but relays only the first half of every reply (a cut datagram)

Options for every mode:
  --delay-ms N     hold each reply N milliseconds before sending it (a slow agent); replies stay concurrent
  --stop-after N   answer only the first N requests, then stay silent (an agent stopping mid-walk)
  --reply-from A   send replies from another loopback address A (a multi-homed device answering from another of
                   its addresses), e.g. 127.0.0.2

Prints "ready 127.0.0.1:PORT" on stdout once it listens, then "request N" for each request received.
Stops on SIGTERM. Each client gets its own upstream socket, so replies never cross.

Usage: udp_responder.py --mode MODE [--port PORT] [--upstream HOST:PORT] [--delay-ms N] [--stop-after N]
"""

import argparse
import heapq
import itertools
import random
import select
import socket
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description="misbehaving SNMP agent on 127.0.0.1")
    parser.add_argument("--mode", choices=["silent", "garbage", "proxy", "truncated"], required=True)
    parser.add_argument("--port", type=int, default=0, help="UDP port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--upstream", help="HOST:PORT of the real agent (proxy, truncated)")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--stop-after", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reply-from", help="loopback address to send replies from")
    arguments = parser.parse_args()
    if arguments.mode in ("proxy", "truncated") and not arguments.upstream:
        parser.error("--upstream is required for mode " + arguments.mode)
    return arguments


def main():
    arguments = parse_arguments()
    delay = arguments.delay_ms / 1000
    generator = random.Random(arguments.seed)
    upstream = None
    if arguments.upstream:
        host, port = arguments.upstream.rsplit(":", 1)
        upstream = (host, int(port))

    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", arguments.port))
    replier = server
    if arguments.reply_from:
        replier = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        replier.bind((arguments.reply_from, 0))
    links = {}  # client address -> socket connected to the upstream agent
    clients = {}  # upstream socket -> client address
    pending = []  # heap of (due, sequence, payload, client): replies waiting for their delay
    sequence = itertools.count()
    received = 0
    print("ready 127.0.0.1:%d" % server.getsockname()[1], flush=True)

    def schedule(payload, client):
        heapq.heappush(pending, (time.monotonic() + delay, next(sequence), payload, client))

    while True:
        timeout = max(0.0, pending[0][0] - time.monotonic()) if pending else None
        readable, _, _ = select.select([server, *clients], [], [], timeout)
        for sock in readable:
            if sock is server:
                request, client = server.recvfrom(65535)
                received += 1
                print("request %d" % received, flush=True)
                if arguments.stop_after is not None and received > arguments.stop_after:
                    continue
                if arguments.mode == "garbage":
                    schedule(generator.randbytes(generator.randint(1, 200)), client)
                elif arguments.mode in ("proxy", "truncated"):
                    link = links.get(client)
                    if link is None:
                        link = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        link.connect(upstream)
                        links[client] = link
                        clients[link] = client
                    link.send(request)
            else:
                try:
                    reply = sock.recv(65535)
                except ConnectionRefusedError:  # the upstream agent is down: stay silent, like it
                    continue
                if arguments.mode == "truncated":
                    reply = reply[: len(reply) // 2]
                schedule(reply, clients[sock])
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, payload, client = heapq.heappop(pending)
            replier.sendto(payload, client)


if __name__ == "__main__":
    main()

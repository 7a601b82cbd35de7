#!/usr/bin/env python3
"""An impaired link for ICMP tests, where the kernel has no netem: answers ICMP echo requests itself, after a delay,
and drops a share of them at random, like `tc qdisc add ... netem delay D loss L`.

Runs inside a network namespace the test creates, as root (a raw socket), with the kernel's own echo replies off
there (`net.ipv4.icmp_echo_ignore_all=1`), so every reply comes from here. Prints "ready" once listening; stops on
SIGTERM. Standard library only.

Usage: impaired_echo.py DELAY_MS LOSS_PERCENT
"""

import heapq
import random
import select
import socket
import struct
import sys
import time


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def main() -> None:
    delay = float(sys.argv[1]) / 1000
    loss = float(sys.argv[2]) / 100
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    # Replies carry the address that was pinged as their source (any address of the namespace's local subnet), so
    # they are sent with an IP header of our own; the kernel fills in its length, identification and checksum.
    sender = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    pending = []  # (due, sequence, destination, reply)
    order = 0
    print("ready", flush=True)
    while True:
        timeout = max(0.0, pending[0][0] - time.monotonic()) if pending else None
        readable, _, _ = select.select([sock], [], [], timeout)
        if readable:
            packet, (source, _) = sock.recvfrom(65535)
            header = (packet[0] & 0x0F) * 4
            icmp = packet[header:]
            if len(icmp) >= 8 and icmp[0] == 8 and random.random() >= loss:
                body = b"\0\0\0\0" + icmp[4:]
                message = bytes([0, 0]) + struct.pack("!H", checksum(body)) + icmp[4:]
                ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 0, 0, 0, 64, socket.IPPROTO_ICMP, 0,
                                        packet[16:20], packet[12:16])
                order += 1
                heapq.heappush(pending, (time.monotonic() + delay, order, source, ip_header + message))
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, destination, reply = heapq.heappop(pending)
            sender.sendto(reply, (destination, 0))


if __name__ == "__main__":
    main()

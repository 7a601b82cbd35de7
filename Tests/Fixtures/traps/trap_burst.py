#!/usr/bin/env python3
"""Sends a bounded burst of SNMPv2c linkDown traps to a loopback receiver, paced, for load tests and benchmarks.

Each trap is a real SNMPv2-Trap-PDU (RFC 3416): sysUpTime.0, snmpTrapOID.0 = linkDown, ifIndex.N, ifAdminStatus.N
and ifOperStatus.N, with N cycling over `--ports` interfaces. The datagrams are encoded here (BER) because spawning
`snmptrap` 10,000 times would measure process start-up, not the receiver.

Bounded: at most 1,000,000 traps and 120 seconds, loopback destinations only. Prints one line:
`sent COUNT in SECONDS s`.
"""
import argparse
import ipaddress
import socket
import sys
import time


def tlv(tag, body):
    length = len(body)
    if length < 0x80:
        header = bytes([length])
    else:
        digits = length.to_bytes((length.bit_length() + 7) // 8, "big")
        header = bytes([0x80 | len(digits)]) + digits
    return bytes([tag]) + header + body


def integer(value, tag=0x02):
    size = max(1, (value.bit_length() + 8) // 8)
    return tlv(tag, value.to_bytes(size, "big", signed=True))


def unsigned(value, tag):
    size = max(1, (value.bit_length() + 8) // 8)
    return tlv(tag, value.to_bytes(size, "big"))


def oid(dotted):
    parts = [int(p) for p in dotted.strip(".").split(".")]
    body = bytearray([parts[0] * 40 + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7F]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7F))
            part >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def varbind(name, value):
    return tlv(0x30, oid(name) + value)


def trap(community, request_id, uptime, port):
    binds = (
        varbind("1.3.6.1.2.1.1.3.0", unsigned(uptime, 0x43))
        + varbind("1.3.6.1.6.3.1.1.4.1.0", oid("1.3.6.1.6.3.1.1.5.3"))
        + varbind(f"1.3.6.1.2.1.2.2.1.1.{port}", integer(port))
        + varbind(f"1.3.6.1.2.1.2.2.1.7.{port}", integer(1))
        + varbind(f"1.3.6.1.2.1.2.2.1.8.{port}", integer(2))
    )
    pdu = tlv(0xA7, integer(request_id) + integer(0) + integer(0) + tlv(0x30, binds))
    return tlv(0x30, integer(1) + tlv(0x04, community.encode()) + pdu)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--rate", type=int, default=5000, help="traps per second")
    parser.add_argument("--ports", type=int, default=20, help="distinct ifIndex values")
    parser.add_argument("--community", default="public")
    arguments = parser.parse_args()
    if not ipaddress.ip_address(arguments.host).is_loopback:
        sys.exit("trap_burst.py sends to loopback only")
    count = min(arguments.count, 1_000_000)
    family = socket.AF_INET6 if ":" in arguments.host else socket.AF_INET
    sender = socket.socket(family, socket.SOCK_DGRAM)
    chunk = max(1, arguments.rate // 100)  # one chunk every 10 ms
    started = time.monotonic()
    sent = 0
    while sent < count and time.monotonic() - started < 120:
        for _ in range(min(chunk, count - sent)):
            datagram = trap(arguments.community, sent + 1, 1000 + sent, sent % arguments.ports + 1)
            sender.sendto(datagram, (arguments.host, arguments.port))
            sent += 1
        due = started + sent / arguments.rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    print(f"sent {sent} in {time.monotonic() - started:.2f} s")


if __name__ == "__main__":
    main()

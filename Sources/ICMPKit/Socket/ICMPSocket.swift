import SocketKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One non-blocking ICMP socket of one family, serving every target of that family: requests go out with
/// `sendto` and replies come back with `recvmsg`, with the kernel's receive timestamp.
///
/// Owned by the ping loop's thread; closed when released.
final class ICMPSocket {
    let family: IPFamily
    let kind: ICMPSocketKind
    let descriptor: Int32

    private init(family: IPFamily, kind: ICMPSocketKind, descriptor: Int32) {
        self.family = family
        self.kind = kind
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Whether what `recvmsg` returns starts with the IP header (raw IPv4 sockets).
    var includesIPHeader: Bool { kind == .raw && family == .ipv4 }

    /// Opens a socket for `family`: an unprivileged datagram socket when the process's group is in
    /// `net.ipv4.ping_group_range` (which also governs IPv6), else a raw socket when the process has
    /// `CAP_NET_RAW`.
    /// - Throws: ``PingError/Code/notPermitted`` naming both ways and what to change.
    static func open(_ family: IPFamily) throws(PingError) -> ICMPSocket {
        let domain = family == .ipv4 ? AF_INET : AF_INET6
        let proto = Int32(family == .ipv4 ? IPPROTO_ICMP : IPPROTO_ICMPV6)
        var failures: [String] = []
        for kind in [ICMPSocketKind.datagram, .raw] {
            #if canImport(Glibc)
                let type = Int32((kind == .datagram ? SOCK_DGRAM : SOCK_RAW).rawValue)
            #else
                let type = kind == .datagram ? SOCK_DGRAM : SOCK_RAW
            #endif
            let descriptor = socket(domain, type, proto)
            guard descriptor >= 0 else {
                failures.append("\(kind.rawValue) socket: \(String(cString: strerror(errno)))")
                continue
            }
            let socket = ICMPSocket(family: family, kind: kind, descriptor: descriptor)
            socket.configure()
            return socket
        }
        throw PingError(
            .notPermitted, host: family.rawValue,
            detail: "cannot open an ICMP socket (\(failures.joined(separator: "; "))): add the agent's group to "
                + "net.ipv4.ping_group_range (sysctl) or give it CAP_NET_RAW")
    }

    private func configure() {
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_TIMESTAMPNS, &on, socklen_t(MemoryLayout<Int32>.size))
        var bufferSize: Int32 = 4 << 20
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
        guard kind == .raw else { return }
        // Raw sockets see every ICMP message the host receives: let only echo replies through.
        switch family {
        case .ipv4:
            var blocked: UInt32 = ~(UInt32(1) << UInt32(EchoPacket.replyV4))
            _ = setsockopt(descriptor, Self.solRaw, Self.icmpFilter, &blocked, socklen_t(MemoryLayout<UInt32>.size))
        case .ipv6:
            var filter = [UInt32](repeating: .max, count: 8)
            let type = Int(EchoPacket.replyV6)
            filter[type >> 5] &= ~(UInt32(1) << UInt32(type & 31))
            _ = setsockopt(
                descriptor, Int32(IPPROTO_ICMPV6), Self.icmp6Filter, &filter,
                socklen_t(MemoryLayout<UInt32>.size * filter.count))
        }
    }

    /// `SOL_RAW` and `ICMP_FILTER` (linux/icmp.h), `ICMP6_FILTER` (netinet/icmp6.h).
    private static let solRaw: Int32 = 255
    private static let icmpFilter: Int32 = 1
    private static let icmp6Filter: Int32 = 1

    /// Sends `packet` to `address`.
    /// - Returns: 0, or the `errno` of a refused send.
    func send(_ packet: UnsafeRawBufferPointer, to address: IPAddress) -> Int32 {
        let sent = address.withSocketAddress { socketAddress, length in
            sendto(descriptor, packet.baseAddress, packet.count, 0, socketAddress, length)
        }
        return sent < 0 ? errno : 0
    }

    /// A datagram read from the socket.
    struct Datagram {
        var length: Int
        var source: IPAddress
        /// When the kernel received it (`CLOCK_REALTIME`, nanoseconds), when it said.
        var receivedAt: UInt64?
    }

    /// Reads the next datagram into `buffer`; `nil` when none is waiting (or on an error).
    func receive(into buffer: UnsafeMutableRawBufferPointer, control: UnsafeMutableRawBufferPointer) -> Datagram? {
        var source = sockaddr_storage()
        return withUnsafeMutablePointer(to: &source) { sourcePointer -> Datagram? in
            var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer -> Datagram? in
                var message = msghdr()
                message.msg_name = UnsafeMutableRawPointer(sourcePointer)
                message.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
                message.msg_iov = vectorPointer
                message.msg_iovlen = 1
                message.msg_control = control.baseAddress
                message.msg_controllen = control.count
                let length = recvmsg(descriptor, &message, Int32(MSG_DONTWAIT))
                guard length >= 0, let address = IPAddress(UnsafeRawPointer(sourcePointer)) else { return nil }
                return Datagram(
                    length: length, source: address,
                    receivedAt: Self.timestamp(control, length: Int(message.msg_controllen)))
            }
        }
    }

    /// The `SCM_TIMESTAMPNS` control message among the first `length` bytes of `control`, in nanoseconds.
    private static func timestamp(_ control: UnsafeMutableRawBufferPointer, length: Int) -> UInt64? {
        let headerSize = MemoryLayout<cmsghdr>.size
        let alignment = MemoryLayout<Int>.size
        var offset = 0
        while offset + headerSize <= length {
            let header = control.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
            let messageLength = Int(header.cmsg_len)
            guard messageLength >= headerSize, offset + messageLength <= length else { return nil }
            if header.cmsg_level == SOL_SOCKET, header.cmsg_type == SO_TIMESTAMPNS,
                messageLength >= headerSize + MemoryLayout<timespec>.size
            {
                let time = control.loadUnaligned(fromByteOffset: offset + headerSize, as: timespec.self)
                return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
            }
            offset += (messageLength + alignment - 1) & ~(alignment - 1)
        }
        return nil
    }
}

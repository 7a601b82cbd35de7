import Dispatch

#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// An IP address family.
public enum IPFamily: String, Sendable, Hashable, CaseIterable {
    /// IPv4.
    case ipv4
    /// IPv6.
    case ipv6
}

/// An IPv4 or IPv6 address in network byte order, cheap to compare (ICMP replies are matched by it).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// IPv4 or IPv6.
    public let family: IPFamily
    /// IPv6: the first 8 bytes; IPv4: 0.
    public let high: UInt64
    /// IPv6: the last 8 bytes; IPv4: the 4 bytes of `s_addr`.
    public let low: UInt64

    /// The address `text` is, when it is an IPv4 or IPv6 literal (an IPv6 zone is not supported).
    public init?(numeric text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(v4)
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            self.init(v6)
            return
        }
        return nil
    }

    /// The address of an IPv4 `in_addr`.
    public init(_ address: in_addr) {
        family = .ipv4
        high = 0
        low = UInt64(address.s_addr)
    }

    /// The address of an IPv6 `in6_addr`.
    public init(_ address: in6_addr) {
        family = .ipv6
        var copy = address
        let halves = withUnsafeBytes(of: &copy) {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        high = halves.0
        low = halves.1
    }

    /// The address of a socket address the kernel filled in, when it is IPv4 or IPv6.
    public init?(_ storage: UnsafeRawPointer) {
        switch Int32(storage.load(as: sa_family_t.self)) {
        case AF_INET: self.init(storage.loadUnaligned(as: sockaddr_in.self).sin_addr)
        case AF_INET6: self.init(storage.loadUnaligned(as: sockaddr_in6.self).sin6_addr)
        default: return nil
        }
    }

    /// Calls `body` with this address and `port` as a `sockaddr` and its length.
    public func withSocketAddress<Result>(
        port: UInt16 = 0, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result {
        switch family {
        case .ipv4:
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(truncatingIfNeeded: low)
            address.sin_port = port.bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6:
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) {
                $0.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
                $0.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// The numeric form, e.g. `192.0.2.10` or `2001:db8::1`.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written: UnsafePointer<CChar>? =
            switch family {
            case .ipv4:
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: low)) {
                    inet_ntop(AF_INET, $0.baseAddress, &buffer, socklen_t(buffer.count))
                }
            case .ipv6:
                withUnsafeBytes(of: (high, low)) {
                    inet_ntop(AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count))
                }
            }
        guard written != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The addresses `host` resolves to through the system resolver (blocking), of `family` when given; IPv4
    /// first when both are allowed.
    public static func resolve(_ host: String, family: IPFamily?) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family =
            switch family {
            case .ipv4: AF_INET
            case .ipv6: AF_INET6
            case nil: AF_UNSPEC
            }
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #else
            hints.ai_socktype = SOCK_DGRAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor, addresses.count < 16 {
            if let address = entry.pointee.ai_addr, let parsed = IPAddress(UnsafeRawPointer(address)) {
                if !addresses.contains(parsed) { addresses.append(parsed) }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses.filter { $0.family == .ipv4 } + addresses.filter { $0.family == .ipv6 }
    }

    /// What looking a host up gave.
    public enum Lookup: Sendable, Equatable {
        /// The first address: `host` itself when it is a literal, else the resolver's first (IPv4 first).
        case found(IPAddress)
        /// The name has no address of the family asked for, or the literal is of the other family.
        case notFound
        /// The awaiting task was cancelled while the resolver worked.
        case cancelled
    }

    /// Looks `host` up: a literal at once, a name through the system resolver on a global queue (so a slow DNS
    /// server never blocks the caller's thread), returning at once when the task is cancelled.
    /// - Parameters:
    ///   - host: A host name or IP literal.
    ///   - family: The family wanted; `nil` for either.
    public static func lookUp(_ host: String, family: IPFamily?) async -> Lookup {
        if let numeric = IPAddress(numeric: host) {
            return family == nil || numeric.family == family ? .found(numeric) : .notFound
        }
        let resolution = ResumeOnce<[IPAddress]?>()
        let addresses = await withTaskCancellationHandler {
            await resolution.wait {
                DispatchQueue.global().async { resolution.resume(resolve(host, family: family)) }
            }
        } onCancel: {
            resolution.resume(nil)
        }
        guard let addresses else { return .cancelled }
        return addresses.first.map { .found($0) } ?? .notFound
    }
}

public import VedettaCore

/// Parses the address list of `vedetta discover`: comma-separated hosts, `host:port`, `[v6]:port`, IPv4 CIDR
/// blocks (`192.0.2.0/28`) and IPv4 ranges (`192.0.2.1-20` or `192.0.2.1-192.0.2.20`).
///
/// CIDR blocks up to /30 leave out their network and broadcast addresses. Duplicates are dropped; the total is
/// capped at ``limit`` so a typo (`/8` for `/28`) cannot start a scan of millions of addresses.
public enum DiscoveryAddresses {
    /// The most addresses one run may ask (a /20).
    public static let limit = 4096

    /// The addresses of `text`, in order.
    /// - Parameters:
    ///   - text: The list, e.g. `192.0.2.0/28,192.0.2.100-110,ups.example:1161`.
    ///   - defaultPort: The port of items that give none.
    /// - Throws: ``AddressListError`` naming the item that is not an address, or the count when over ``limit``.
    /// - Returns: The addresses, without duplicates.
    public static func parse(_ text: String, defaultPort: Int) throws(AddressListError) -> [HostPort] {
        var addresses: [HostPort] = []
        var seen = Set<HostPort>()
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        for item in items {
            guard !item.isEmpty else { throw AddressListError("empty item in address list \"\(text)\"") }
            let hosts = try expand(item, defaultPort: defaultPort, budget: limit - addresses.count)
            for address in hosts where seen.insert(address).inserted { addresses.append(address) }
        }
        return addresses
    }

    private static func expand(_ item: String, defaultPort: Int, budget: Int) throws(AddressListError) -> [HostPort] {
        if let slash = item.firstIndex(of: "/") {
            let base = try ipv4(String(item[..<slash]), in: item)
            guard let bits = Int(item[item.index(after: slash)...]), (0...32).contains(bits) else {
                throw AddressListError("invalid CIDR block \"\(item)\"; use e.g. 192.0.2.0/28 (prefix length 0 to 32)")
            }
            let size = UInt64(1) << UInt64(32 - bits)
            let network = UInt64(base) & ~(size - 1)
            let (first, last) = size > 2 ? (network + 1, network + size - 2) : (network, network + size - 1)
            return try hosts(from: first, through: last, port: defaultPort, item: item, budget: budget)
        }
        if let dash = item.firstIndex(of: "-"), let start = try? ipv4(String(item[..<dash]), in: item) {
            let endText = String(item[item.index(after: dash)...])
            let end: UInt32
            if let octet = UInt32(endText), octet <= 255 {
                end = (start & 0xFFFF_FF00) | octet
            } else {
                end = try ipv4(endText, in: item)
            }
            guard end >= start else {
                throw AddressListError("invalid range \"\(item)\": it ends before it starts")
            }
            return try hosts(from: UInt64(start), through: UInt64(end), port: defaultPort, item: item, budget: budget)
        }
        guard let address = HostPort.parse(item, defaultPort: defaultPort) else {
            throw AddressListError(
                "invalid address \"\(item)\"; use host, host:port, [IPv6]:port, a CIDR block such as 192.0.2.0/28 "
                    + "or a range such as 192.0.2.1-20")
        }
        guard budget >= 1 else { throw tooMany(item) }
        return [address]
    }

    private static func hosts(
        from first: UInt64,
        through last: UInt64,
        port: Int,
        item: String,
        budget: Int
    ) throws(AddressListError) -> [HostPort] {
        let count = last - first + 1
        guard count <= UInt64(max(0, budget)) else {
            throw AddressListError(
                "\"\(item)\" has \(count) addresses; vedetta discover asks at most \(limit) per run "
                    + "(a /20): split the range")
        }
        return (first...last).map { HostPort(host: dotted(UInt32($0)), port: port) }
    }

    private static func tooMany(_ item: String) -> AddressListError {
        AddressListError("the address list reaches \"\(item)\" past \(limit) addresses, the most per run: split it")
    }

    /// An IPv4 address in dotted-quad form as a number.
    private static func ipv4(_ text: String, in item: String) throws(AddressListError) -> UInt32 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw AddressListError("invalid IPv4 address \"\(text)\" in \"\(item)\"") }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let octet = UInt32(part), octet <= 255 else {
                throw AddressListError("invalid IPv4 address \"\(text)\" in \"\(item)\"")
            }
            value = value << 8 | octet
        }
        return value
    }

    private static func dotted(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

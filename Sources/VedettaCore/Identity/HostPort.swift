/// A `host:port` pair, as written in `listen`, `snmp.address`, the address list of `vedetta discover` and the
/// target of `vedetta probe snmp`: the one parser of addresses.
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    /// Host name or IP address, without IPv6 brackets.
    public var host: String
    /// Port, 1 to 65535.
    public var port: Int

    /// Creates a pair.
    /// - Parameters:
    ///   - host: Host name or IP address, without brackets.
    ///   - port: Port.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 host in brackets: `[::1]:161`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host`, `host:port`, `[v6]:port`, `[v6]` or a bare IPv6 address.
    ///
    /// - Parameters:
    ///   - text: The text to parse.
    ///   - defaultPort: The port when none is written; `nil` makes the port required.
    /// - Returns: The pair, or `nil` when the text is not a valid address.
    public static func parse(_ text: String, defaultPort: Int?) -> HostPort? {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                portText = nil
            } else {
                guard rest.first == ":" else { return nil }
                portText = rest.dropFirst()
            }
            guard host.contains(":") else { return nil }
        } else if text.filter({ $0 == ":" }).count > 1 {
            host = Substring(text)
            portText = nil
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = Substring(text)
            portText = nil
        }
        guard isValidHost(host) else { return nil }
        guard let portText else { return defaultPort.map { HostPort(host: String(host), port: $0) } }
        guard let port = Int(portText), (1...65_535).contains(port) else { return nil }
        return HostPort(host: String(host), port: port)
    }

    private static func isValidHost(_ host: Substring) -> Bool {
        !host.isEmpty && host.unicodeScalars.allSatisfy(isHostCharacter)
    }

    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._:%".unicodeScalars.contains(scalar)
    }
}

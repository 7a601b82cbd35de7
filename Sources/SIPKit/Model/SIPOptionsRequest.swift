public import SocketKit
public import TCPKit

/// One SIP OPTIONS "ping" (RFC 3261 §11): where to send it, over which transport, and what counts as alive.
public struct SIPOptionsRequest: Sendable, Hashable {
    /// The transport the request travels over.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        /// UDP, with RFC 3261 retransmissions (Timer E) until a final response or the deadline.
        case udp
        /// TCP: one request on a fresh connection.
        case tcp
        /// TLS over TCP (SIPS).
        case tls

        /// The transport token of the `Via` header.
        var viaToken: String { rawValue.uppercased() }
    }

    /// The request URI, e.g. `sip:pbx.example.com:5060` or `sip:trunk@sbc.example.com`.
    public var uri: SIPURI
    /// The transport.
    public var transport: Transport
    /// The address family a host name is resolved to; `nil` takes IPv4 when the name has one.
    public var family: IPFamily?
    /// The TLS settings for ``Transport/tls``.
    public var tls: TLSSettings
    /// The user part of `From` (and `Contact`).
    public var fromUser: String
    /// RFC 3261 T1, the first retransmission interval over UDP (500 ms); doubled up to ``t2``.
    public var t1: Duration
    /// RFC 3261 T2, the longest retransmission interval over UDP (4 s).
    public var t2: Duration

    /// Creates a request.
    public init(
        uri: SIPURI, transport: Transport = .udp, family: IPFamily? = nil, tls: TLSSettings = TLSSettings(),
        fromUser: String = "vedetta", t1: Duration = .milliseconds(500), t2: Duration = .seconds(4)
    ) {
        self.uri = uri
        self.transport = transport
        self.family = family
        self.tls = tls
        self.fromUser = fromUser
        self.t1 = t1
        self.t2 = t2
    }
}

/// A `sip:` or `sips:` URI, as far as sending a request to it needs: scheme, optional user, host and port.
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    /// `sip` or `sips`.
    public var scheme: String
    /// The user part, when there is one.
    public var user: String?
    /// The host name or IP literal (without brackets).
    public var host: String
    /// The port; `nil` for the default (5060, or 5061 for `sips:`).
    public var port: UInt16?

    /// Creates a URI from its parts.
    public init(scheme: String = "sip", user: String? = nil, host: String, port: UInt16? = nil) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
    }

    /// Parses `sip:[user@]host[:port]` and `sips:…` (an IPv6 host in brackets); URI parameters are dropped.
    public init?(_ text: String) {
        let lower = text.lowercased()
        guard lower.hasPrefix("sip:") || lower.hasPrefix("sips:") else { return nil }
        scheme = lower.hasPrefix("sips:") ? "sips" : "sip"
        var rest = Substring(text.dropFirst(scheme.count + 1))
        if let cut = rest.firstIndex(where: { $0 == ";" || $0 == "?" }) { rest = rest[..<cut] }
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            guard user?.isEmpty == false else { return nil }
        }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let number = UInt16(rest.dropFirst()), number > 0 else { return nil }
                port = number
            } else if !rest.isEmpty {
                return nil
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = String(rest[..<colon])
            guard let number = UInt16(rest[rest.index(after: colon)...]), number > 0 else { return nil }
            port = number
        } else {
            host = String(rest)
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "@" }) else { return nil }
    }

    /// The port the request goes to.
    public var effectivePort: UInt16 { port ?? (scheme == "sips" ? 5061 : 5060) }

    /// `sip:user@host:port`, IPv6 hosts in brackets.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme):" + (user.map { "\($0)@" } ?? "") + hostPart + (port.map { ":\($0)" } ?? "")
    }
}

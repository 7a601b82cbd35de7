public import SocketKit

/// One TCP check: connect, optionally complete a TLS handshake, optionally send a few bytes, and optionally wait
/// for the answer (a banner such as `SSH-` or `220 `) to contain the expected bytes.
public struct ConnectRequest: Sendable, Hashable {
    /// The most bytes read while waiting for ``expect``.
    public static let readLimit = 4096

    /// The host name or IP literal.
    public var host: String
    /// The TCP port.
    public var port: UInt16
    /// The family a host name is resolved to; `nil` takes IPv4 when the name has one.
    public var family: IPFamily?
    /// The TLS handshake to make after connecting; `nil` for plain TCP.
    public var tls: TLSSettings?
    /// Bytes written once connected (and after the handshake), e.g. `QUIT\r\n`.
    public var send: [UInt8]?
    /// Bytes the answer must contain; `nil` reads nothing and succeeds once connected.
    public var expect: [UInt8]?

    /// Creates a request.
    public init(
        host: String, port: UInt16, family: IPFamily? = nil, tls: TLSSettings? = nil, send: [UInt8]? = nil,
        expect: [UInt8]? = nil
    ) {
        self.host = host
        self.port = port
        self.family = family
        self.tls = tls
        self.send = send
        self.expect = expect
    }

    /// `host:port`, IPv6 literals in brackets: how errors and logs name the check.
    public var target: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// How a TLS handshake is made and what its certificate must be.
public struct TLSSettings: Sendable, Hashable {
    /// The system's CA directory (hashed names), read once per settings; a CA file would be parsed per handshake
    /// by some libraries, a directory is looked up by hash.
    public static let systemCAPath = "/etc/ssl/certs"

    /// Whether the certificate must chain to a trusted CA and name the server.
    public var verify: Bool
    /// The name sent in SNI and checked against the certificate; `nil` takes the host when it is a name.
    public var serverName: String?
    /// A PEM file of extra CAs to trust (a private CA).
    public var caFile: String?

    /// Creates settings.
    public init(verify: Bool = true, serverName: String? = nil, caFile: String? = nil) {
        self.verify = verify
        self.serverName = serverName
        self.caFile = caFile
    }
}

/// Why a TCP check failed.
public struct ConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The host name has no address.
        public static let unresolved = Code(rawValue: "unresolved")
        /// The host answered with a reset: nothing listens on the port.
        public static let refused = Code(rawValue: "refused")
        /// No route to the host or network.
        public static let unreachable = Code(rawValue: "unreachable")
        /// The deadline came first; ``ConnectError/phase`` says during what.
        public static let timeout = Code(rawValue: "timeout")
        /// The TLS handshake failed (no TLS on the port, no common protocol or cipher).
        public static let tlsHandshake = Code(rawValue: "tls_handshake")
        /// The handshake completed but the certificate is not trusted, expired, or names another host.
        public static let certificate = Code(rawValue: "certificate")
        /// The peer closed the connection, or sent as much as is read, without the expected bytes.
        public static let unexpectedAnswer = Code(rawValue: "unexpected_answer")
        /// The awaiting task was cancelled, or the engine shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Anything else the system refused (no socket, for instance).
        public static let other = Code(rawValue: "other")
        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// `host:port` as given.
    public var target: String
    /// Where it stopped: `resolve`, `connect`, `tls`, `send` or `response`.
    public var phase: String
    /// A sentence for a human.
    public var detail: String
    /// The certificate's expiry, when a handshake got that far (a certificate failure still reports it).
    public var certificateNotAfter: Double?

    /// Creates an error.
    public init(_ code: Code, target: String, phase: String, detail: String, certificateNotAfter: Double? = nil) {
        self.code = code
        self.target = target
        self.phase = phase
        self.detail = detail
        self.certificateNotAfter = certificateNotAfter
    }

    /// `target: detail`.
    public var description: String { "\(target): \(detail)" }
}

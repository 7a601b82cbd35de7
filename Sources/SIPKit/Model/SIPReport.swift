/// The final response a SIP OPTIONS request got.
public struct SIPReport: Sendable, Equatable {
    /// The address the request went to, in numeric form.
    public var address: String
    /// The final response's status code, e.g. 200, 404 or 503.
    public var statusCode: Int
    /// The reason phrase, e.g. `OK`.
    public var reason: String
    /// From the first transmission to the final response.
    public var roundTrip: Duration
    /// Retransmissions made (UDP) before the final response came.
    public var retransmissions: Int
    /// The `Server` (or `User-Agent`) header of the response, when it had one.
    public var server: String?

    /// Creates a report.
    public init(
        address: String, statusCode: Int, reason: String, roundTrip: Duration, retransmissions: Int = 0,
        server: String? = nil
    ) {
        self.address = address
        self.statusCode = statusCode
        self.reason = reason
        self.roundTrip = roundTrip
        self.retransmissions = retransmissions
        self.server = server
    }
}

/// Why a SIP OPTIONS request got no final response.
public struct SIPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The host name has no address.
        public static let unresolved = Code(rawValue: "unresolved")
        /// Nothing listens (ICMP port unreachable over UDP, a reset over TCP), or no route.
        public static let unreachable = Code(rawValue: "unreachable")
        /// No final response by the deadline.
        public static let timeout = Code(rawValue: "timeout")
        /// Something answered that is not a SIP response to this request.
        public static let malformedResponse = Code(rawValue: "malformed_response")
        /// The TLS handshake or the certificate failed.
        public static let tls = Code(rawValue: "tls")
        /// The awaiting task was cancelled, or the engine shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Anything else.
        public static let other = Code(rawValue: "other")
        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// The request URI.
    public var uri: String
    /// A sentence for a human.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, uri: String, detail: String) {
        self.code = code
        self.uri = uri
        self.detail = detail
    }

    /// `uri: detail`.
    public var description: String { "\(uri): \(detail)" }
}

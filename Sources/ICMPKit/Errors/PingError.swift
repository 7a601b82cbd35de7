/// Why a ping could not be made at all. Lost packets are not errors: they are in the ``PingReport``.
public struct PingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The host name has no address (of the family asked for).
        public static let unresolved = Code(rawValue: "unresolved")
        /// Neither an ICMP datagram socket nor a raw socket may be opened by this process.
        public static let notPermitted = Code(rawValue: "not_permitted")
        /// The awaiting task was cancelled, or the engine shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// The host as it was given.
    public var host: String
    /// A sentence for a human.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, host: String, detail: String) {
        self.code = code
        self.host = host
        self.detail = detail
    }

    /// `host: detail`.
    public var description: String { "\(host): \(detail)" }
}

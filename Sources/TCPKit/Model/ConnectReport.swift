import SocketKit

/// What a successful TCP check saw.
public struct ConnectReport: Sendable, Equatable {
    /// The address connected to, in numeric form.
    public var address: String
    /// From the first SYN to the connection being established.
    public var connect: Duration
    /// The TLS handshake, when one was made.
    public var tlsHandshake: Duration?
    /// From the connection being ready (after TLS) to the expected bytes, when some were expected.
    public var response: Duration?
    /// The bytes read (at most ``ConnectRequest/readLimit``).
    public var received: [UInt8]
    /// The TLS certificate's expiry, in Unix seconds, when a handshake was made.
    public var certificateNotAfter: Double?
    /// The TLS protocol version, e.g. `TLSv1.3`.
    public var tlsVersion: String?

    /// Creates a report.
    public init(
        address: String, connect: Duration, tlsHandshake: Duration? = nil, response: Duration? = nil,
        received: [UInt8] = [], certificateNotAfter: Double? = nil, tlsVersion: String? = nil
    ) {
        self.address = address
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.response = response
        self.received = received
        self.certificateNotAfter = certificateNotAfter
        self.tlsVersion = tlsVersion
    }

    /// The first line received, for messages (control and non-ASCII bytes replaced, at most 200 characters).
    public var firstLine: String { printableFirstLine(of: received, limit: 200) }
}

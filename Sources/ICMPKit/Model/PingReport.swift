/// What one ping run saw: per request, its round-trip time or that it was lost.
public struct PingReport: Sendable, Equatable {
    /// The address pinged, in numeric form.
    public var address: String
    /// The round-trip time of each request sent, in order; `nil` for a request that got no reply in time.
    public var roundTrips: [Duration?]
    /// Requests that were not sent because the run's deadline came first.
    public var unsent: Int
    /// Why the system refused to send some request (e.g. "Network is unreachable"), when it did.
    public var sendError: String?
    /// The kind of socket the requests went through.
    public var socketKind: ICMPSocketKind

    /// Creates a report.
    public init(
        address: String, roundTrips: [Duration?], unsent: Int = 0, sendError: String? = nil,
        socketKind: ICMPSocketKind
    ) {
        self.address = address
        self.roundTrips = roundTrips
        self.unsent = unsent
        self.sendError = sendError
        self.socketKind = socketKind
    }

    /// Requests sent.
    public var sent: Int { roundTrips.count }
    /// Replies received in time.
    public var received: Int { roundTrips.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    /// The share of requests sent that got no reply, 0...1; 1 when nothing was sent.
    public var lossRatio: Double { sent == 0 ? 1 : Double(sent - received) / Double(sent) }

    /// The fastest reply, when there was one.
    public var minimum: Duration? { roundTrips.compactMap { $0 }.min() }
    /// The slowest reply, when there was one.
    public var maximum: Duration? { roundTrips.compactMap { $0 }.max() }
    /// The mean of the replies, when there was one.
    public var average: Duration? {
        let answered = roundTrips.compactMap { $0 }
        guard !answered.isEmpty else { return nil }
        return answered.reduce(Duration.zero, +) / answered.count
    }
    /// The population standard deviation of the replies (jitter), when there was one.
    public var standardDeviation: Duration? {
        let seconds = roundTrips.compactMap { $0.map(Self.seconds) }
        guard !seconds.isEmpty else { return nil }
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        let variance = seconds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(seconds.count)
        return .nanoseconds(Int64((variance.squareRoot() * 1e9).rounded()))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// How the engine talks ICMP.
public enum ICMPSocketKind: String, Sendable, Hashable {
    /// An unprivileged ICMP datagram socket ("ping socket"): needs the process's group in
    /// `net.ipv4.ping_group_range`; the kernel hands it only the replies to its own requests.
    case datagram
    /// A raw socket: needs root or `CAP_NET_RAW`; a filter keeps all but echo replies out.
    case raw
}

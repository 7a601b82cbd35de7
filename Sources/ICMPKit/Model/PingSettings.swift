public import SocketKit

/// How one ping run is made: how many echo requests, how far apart, how long each may wait for its reply.
public struct PingSettings: Sendable, Hashable {
    /// The fewest and most echo requests of one run.
    public static let packetRange = 1...100
    /// The smallest and largest payload: room for the engine's 8-byte token, and at most what fits an unfragmented
    /// IPv4 packet on an Ethernet link.
    public static let payloadRange = 8...1472

    /// Echo requests sent per run (``packetRange``).
    public var packets: Int
    /// The time between two requests of a run.
    public var interval: Duration
    /// How long each request waits for its reply; a later reply counts as lost.
    public var timeout: Duration
    /// Payload bytes after the 8-byte ICMP header (``payloadRange``); 56 as in `ping` and `fping`.
    public var payloadSize: Int
    /// The address family a host name is resolved to; `nil` takes IPv4 when the name has one, else IPv6.
    public var family: IPFamily?

    /// Creates settings; values are clamped to their ranges.
    public init(
        packets: Int = 3,
        interval: Duration = .seconds(1),
        timeout: Duration = .seconds(1),
        payloadSize: Int = 56,
        family: IPFamily? = nil
    ) {
        self.packets = min(max(packets, Self.packetRange.lowerBound), Self.packetRange.upperBound)
        self.interval = max(interval, .zero)
        self.timeout = max(timeout, .milliseconds(1))
        self.payloadSize = min(max(payloadSize, Self.payloadRange.lowerBound), Self.payloadRange.upperBound)
        self.family = family
    }
}

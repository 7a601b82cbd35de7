public import Logging
public import VedettaCore

/// Something that looks at one target and reports samples, e.g. an SNMP poll or an HTTP check.
///
/// A probe never throws for device trouble: a timeout, a refused connection or a garbled answer is a
/// ``ProbeOutcome/failure(_:)`` with a typed reason. The scheduler enforces `deadline` and cancels the
/// task past it, so a probe only has to honour cancellation and never stalls its neighbours.
public protocol Probe: Sendable {
    /// The kind of probe, used for the `probe` label of the `up` sample and for metrics.
    var kind: ProbeKind { get }

    /// Probes `target` once.
    /// - Parameters:
    ///   - target: The device and address to probe.
    ///   - deadline: The instant by which the probe must have answered.
    ///   - logger: A logger carrying `probe.target` metadata.
    /// - Returns: The outcome, the samples collected (possibly partial on failure) and phase timings.
    func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult
}

/// The kind of a probe. An open set: new kinds are new static members.
public struct ProbeKind: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The kind name, e.g. `snmp`.
    public let rawValue: String

    /// Creates a kind.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// SNMP polling through net-snmp.
    public static let snmp = ProbeKind(rawValue: "snmp")
    /// HTTP(S) checks through libcurl.
    public static let http = ProbeKind(rawValue: "http")

    /// The kind name.
    public var description: String { rawValue }
}

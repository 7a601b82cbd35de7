public import Logging
public import VedettaCore

/// Something that looks at one target and reports samples, e.g. an SNMP poll or an HTTP check.
///
/// A probe never throws for device trouble: a timeout, a refused connection or a garbled answer is a
/// ``ProbeOutcome/failure(_:)`` with a typed reason. A probe either bounds its own requests by `deadline`
/// (``finishesByDeadline``) or leaves it to the scheduler, which then cancels the task past it; either way a
/// probe never stalls its neighbours.
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

    /// Whether the probe bounds every request it makes by the time left until `deadline`, and so always returns
    /// by then on its own. The scheduler then calls it directly; otherwise (the default) it also runs a watchdog
    /// that cancels the run past the deadline, which costs a timer and two tasks per run.
    var finishesByDeadline: Bool { get }
}

extension Probe {
    /// `false`: the scheduler watches the run's deadline.
    public var finishesByDeadline: Bool { false }
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

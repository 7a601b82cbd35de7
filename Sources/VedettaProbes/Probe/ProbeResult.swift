public import VedettaCore

/// What one probe run produced.
public struct ProbeResult: Sendable {
    /// Whether the target answered properly, and if not, why.
    public var outcome: ProbeOutcome
    /// The samples collected; may be partial when `outcome` is a failure.
    public var samples: [Sample]
    /// Time spent in each phase (for HTTP: DNS, connect, TLS, first byte, total).
    public var phases: [ProbePhase: Duration]
    /// Whether the target's counters started over since the previous run (the device restarted, as the probe
    /// tells from what it knows, e.g. SNMP's `sysUpTime`): rules then compute no rate across the restart.
    public var countersRestarted: Bool

    /// Creates a result.
    public init(
        outcome: ProbeOutcome,
        samples: [Sample] = [],
        phases: [ProbePhase: Duration] = [:],
        countersRestarted: Bool = false
    ) {
        self.outcome = outcome
        self.samples = samples
        self.phases = phases
        self.countersRestarted = countersRestarted
    }

    /// Whether the outcome is a success.
    public var succeeded: Bool {
        if case .success = outcome { return true }
        return false
    }
}

/// Success, or failure with a typed reason.
public enum ProbeOutcome: Sendable, Equatable {
    /// The target answered as expected.
    case success
    /// The target could not be probed, or answered wrongly.
    case failure(ProbeFailure)
}

/// Why a probe failed.
public struct ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name, exported as the `reason` label.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// No answer before the deadline.
        public static let timeout = Code(rawValue: "timeout")
        /// Connection refused, host unreachable, DNS failure.
        public static let unreachable = Code(rawValue: "unreachable")
        /// Wrong community, wrong credentials, TLS verification failed.
        public static let authentication = Code(rawValue: "authentication")
        /// The answer could not be decoded, or broke the protocol.
        public static let malformedResponse = Code(rawValue: "malformed_response")
        /// The answer was well-formed but not what the check expects (status code, body match).
        public static let unexpectedResponse = Code(rawValue: "unexpected_response")
        /// Anything else.
        public static let other = Code(rawValue: "other")
        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// A sentence for a human: what failed, with the target and what was seen.
    public var message: String

    /// Creates a failure.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

/// A named phase of a probe, exported as the `phase` label (blackbox_exporter style).
public struct ProbePhase: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The phase name.
    public let rawValue: String
    /// Creates a phase.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Name resolution.
    public static let resolve = ProbePhase(rawValue: "resolve")
    /// TCP connect.
    public static let connect = ProbePhase(rawValue: "connect")
    /// TLS handshake.
    public static let tls = ProbePhase(rawValue: "tls")
    /// Time to first byte of the response.
    public static let firstByte = ProbePhase(rawValue: "first_byte")
    /// Transfer of the response body.
    public static let transfer = ProbePhase(rawValue: "transfer")
    /// The whole probe.
    public static let total = ProbePhase(rawValue: "total")
    /// The phase name.
    public var description: String { rawValue }
}

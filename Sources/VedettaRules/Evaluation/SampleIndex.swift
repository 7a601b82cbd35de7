public import VedettaCore

/// The samples of one poll, for the one-call forms of ``RuleEvaluator`` (tests and tools); the agent hands the
/// samples to ``RuleEvaluator/read(_:at:)`` directly.
public struct SampleIndex: Sendable {
    /// Every sample of the poll, in poll order.
    public let samples: [Sample]

    /// Wraps one poll's samples.
    public init(_ samples: [Sample]) {
        self.samples = samples
    }
}

public import VedettaCore

/// The samples of one poll, and what the alerting core asks of a poll as a whole: whether it succeeded, and the
/// labels its samples share.
public struct SampleIndex: Sendable {
    /// Every sample of the poll, in poll order.
    public let samples: [Sample]

    /// Wraps one poll's samples.
    public init(_ samples: [Sample]) {
        self.samples = samples
    }

    /// Whether the poll succeeded: its `up` sample is 1, or it has none.
    public var pollSucceeded: Bool { samples.first { $0.name == "up" }.map { $0.value == 1 } ?? true }

    /// The labels every sample of the poll shares (`device`, `probe`, `check` and the device's labels): those of
    /// its `up` sample, or for a poll without one, the labels all its samples have in common.
    public var pollLabels: LabelSet {
        if let up = samples.first(where: { $0.name == "up" }) { return up.labels }
        var common: LabelSet?
        for sample in samples {
            guard let shared = common else {
                common = sample.labels
                continue
            }
            if shared.count > 0 { common = LabelSet(shared.dictionary.filter { sample.labels[$0.key] == $0.value }) }
        }
        return common ?? LabelSet()
    }
}

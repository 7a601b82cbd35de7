public import VedettaCore

/// The samples of one poll grouped by metric name, built once and read by every rule evaluated against that poll
/// (grouping per rule would cost a pass over all samples for each rule).
public struct SampleIndex: Sendable {
    /// The samples of each metric name, in poll order.
    let byName: [String: [Sample]]

    /// Groups `samples` by name.
    public init(_ samples: [Sample]) {
        var byName: [String: [Sample]] = [:]
        for sample in samples {
            byName[sample.name, default: []].append(sample)
        }
        self.byName = byName
    }

    /// The samples named `name`.
    subscript(name: String) -> [Sample] { byName[name] ?? [] }

    /// Whether the poll succeeded: its `up` sample is 1, or it has none.
    public var pollSucceeded: Bool { byName["up"]?.first.map { $0.value == 1 } ?? true }

    /// The labels every sample of the poll shares (`device`, `probe`, `check` and the device's labels): those of
    /// its `up` sample, or for a poll without one, the labels all its samples have in common.
    public var pollLabels: LabelSet {
        if let up = byName["up"]?.first { return up.labels }
        var common: LabelSet?
        for samples in byName.values {
            for sample in samples {
                guard let shared = common else {
                    common = sample.labels
                    continue
                }
                common = LabelSet(shared.dictionary.filter { sample.labels[$0.key] == $0.value })
            }
        }
        return common ?? LabelSet()
    }
}

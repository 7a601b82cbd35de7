public import VedettaCore

/// The outcome of evaluating one rule against one poll of one device.
public enum RuleEvaluation: Sendable, Hashable {
    /// No sample of the poll matched any of the rule's selectors (name and label matchers).
    ///
    /// The poll said nothing about this rule: a failed SNMP poll returns only `up{probe="snmp"} == 0`, and must not
    /// resolve the device's interface alerts. Callers leave the rule's alerts for the device as they are.
    case noData
    /// The series for which the condition holds, sorted by labels; empty when the poll had data but nothing holds.
    case results([SeriesResult])

    /// Whether this is ``noData``.
    @inlinable
    public var isNoData: Bool {
        if case .noData = self { return true }
        return false
    }

    /// Whether the condition holds for some series (read without copying the results).
    @inlinable
    public var hasResults: Bool {
        if case .results(let results) = self { return !results.isEmpty }
        return false
    }

    /// The results, or `[]` for ``noData``.
    public var seriesResults: [SeriesResult] {
        switch self {
        case .noData: []
        case .results(let results): results
        }
    }
}

/// One series for which a rule's condition holds, with the value of the left-most operand.
public struct SeriesResult: Sendable, Hashable, CustomStringConvertible {
    /// The series labels, without the metric name.
    public var labels: LabelSet
    /// The value: the sample value, or the per-second rate for `rate(...)`.
    public var value: Double
    /// The text output the probe attached to the left-most operand's sample (``VedettaCore/Sample/output``), if any.
    public var output: String?

    /// Creates a result.
    public init(labels: LabelSet, value: Double, output: String? = nil) {
        self.labels = labels
        self.value = value
        self.output = output
    }

    /// `{labels} value`.
    public var description: String { "\(labels) \(value)" }
}

/// How a rule's `clear` condition stands for one poll: the series it clears, and every series the rule's `expr`
/// measures with its current value. A firing alert whose series is measured but not cleared stays firing (it is
/// between the two thresholds); one whose series is no longer measured (the interface left the device) is not
/// held up by `clear`.
public struct ClearEvaluation: Sendable, Hashable {
    /// The series (labels without the metric name) for which `clear` holds.
    public var cleared: Set<LabelSet>
    /// Every series `expr` measures in the poll, whether or not its condition holds, with its value: for
    /// `x > 90` every series of `x`; for `a and b` or `a unless b`, those of `a`; for `rate(x[w]) > 1`, the rates.
    public var measured: [LabelSet: Double]

    /// Creates an evaluation.
    public init(cleared: Set<LabelSet>, measured: [LabelSet: Double]) {
        self.cleared = cleared
        self.measured = measured
    }
}

public import VedettaCore

/// A KPI target (`reports.targets[]`): e.g. availability ≥ 99.9 % for `role="pbx"` within business hours, MTTR
/// ≤ 30 min for critical incidents, MTTA ≤ 5 min.
public struct ReportTarget: Sendable, Hashable {
    /// Which figure a target is about, and its goal.
    public enum Goal: Sendable, Hashable {
        /// Availability in percent, at least this much, around the clock or within business hours.
        case availability(atLeast: Double, hours: Hours)
        /// Time to restore, at most this long, by the given statistic.
        case timeToRestore(atMost: Duration, statistic: Statistic)
        /// Time to acknowledge, at most this long, by the given statistic.
        case timeToAcknowledge(atMost: Duration, statistic: Statistic)
    }

    /// Which hours availability counts.
    public enum Hours: String, Sendable, Hashable, CaseIterable, Codable {
        /// Around the clock.
        case always
        /// Within the business-hours calendar.
        case business
    }

    /// How the incidents' times are summarised.
    public enum Statistic: String, Sendable, Hashable, CaseIterable, Codable {
        /// The mean.
        case mean
        /// The median.
        case median
        /// The 90th percentile.
        case p90
    }

    /// The name shown in reports.
    public var name: String
    /// The devices it is about: those whose labels include all of these (empty: every device).
    public var match: LabelSet
    /// The incidents it is about: at this severity or above (`nil`: every incident of the report).
    public var minimumSeverity: Severity?
    /// The goal.
    public var goal: Goal

    /// Creates a target.
    ///
    /// - Parameters:
    ///   - name: The name shown in reports.
    ///   - match: The labels the devices must have.
    ///   - minimumSeverity: The lowest severity of the incidents counted.
    ///   - goal: The goal.
    public init(name: String, match: LabelSet = LabelSet(), minimumSeverity: Severity? = nil, goal: Goal) {
        self.name = name
        self.match = match
        self.minimumSeverity = minimumSeverity
        self.goal = goal
    }
}

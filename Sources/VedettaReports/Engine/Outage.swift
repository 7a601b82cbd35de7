import VedettaIncidents

/// One incident as a period sees it: its outage and planned time within the period, and whether it began there.
/// Small and copied by value: the incident itself is not kept.
struct Outage: Sendable {
    /// When the outage began (ms): at detection, or for an incident that opened in maintenance when it paged
    /// after the window ended; `nil` when it never became an outage.
    let start: Int64?
    /// The outage within the period (empty when none).
    let outage: Range<Int64>
    /// The planned (maintenance) time within the period (empty when none).
    let planned: Range<Int64>
    /// Whether the outage began in the period: the incident counts in incidents, MTTA and MTTR.
    let began: Bool
    /// Whether it opened in maintenance within the period.
    let plannedInPeriod: Bool
    /// Time to restore (ms), when it began in the period and was restored before its end.
    let timeToRestore: Int64?
    /// Time to acknowledge (ms), when it began in the period and was acknowledged before its end.
    let timeToAcknowledge: Int64?

    init(_ span: IncidentSpanTable.Row, period: Range<Int64>) {
        let detected = span.detectedAt
        let restored = span.restoredAt
        let end = min(restored ?? period.upperBound, period.upperBound)
        var start: Int64? = detected
        var planned: Range<Int64> = period.lowerBound..<period.lowerBound
        var plannedInPeriod = false
        if span.maintenanceWindowID != nil {
            start = span.pagedAfterMaintenanceAt
            plannedInPeriod = period.contains(detected)
            let plannedEnd = min(start ?? end, end)
            let plannedStart = max(detected, period.lowerBound)
            if plannedStart < plannedEnd { planned = plannedStart..<plannedEnd }
        }
        self.start = start
        self.planned = planned
        self.plannedInPeriod = plannedInPeriod
        guard let start else {
            self.outage = period.lowerBound..<period.lowerBound
            self.began = false
            self.timeToRestore = nil
            self.timeToAcknowledge = nil
            return
        }
        let lower = max(start, period.lowerBound)
        self.outage = lower < end ? lower..<end : lower..<lower
        let began = period.contains(start)
        self.began = began
        self.timeToRestore = restored.flatMap { began && $0 < period.upperBound ? max(0, $0 - start) : nil }
        self.timeToAcknowledge = span.acknowledgedAt.flatMap {
            began && $0 < period.upperBound ? max(0, $0 - start) : nil
        }
    }

    /// Whether it touches the period at all.
    var isRelevant: Bool {
        began || plannedInPeriod || !outage.isEmpty || !planned.isEmpty
    }

    /// Whether `span` can touch `period` at all: detected before its end and not restored before its start.
    static func mayTouch(_ span: IncidentSpanTable.Row, _ period: Range<Int64>) -> Bool {
        span.detectedAt < period.upperBound && (span.restoredAt.map { $0 >= period.lowerBound } ?? true)
    }
}

/// Counts and times of a set of incidents: what a group, a rule or a target reports besides downtime.
struct IncidentTally: Sendable {
    var incidents = 0
    var plannedIncidents = 0
    var timesToAcknowledge: [Int64] = []
    var timesToRestore: [Int64] = []

    /// Makes room for `count` times of each kind.
    mutating func reserve(_ count: Int) {
        timesToAcknowledge.reserveCapacity(count)
        timesToRestore.reserveCapacity(count)
    }

    /// Adds the counts and times of `other`.
    mutating func append(_ other: IncidentTally) {
        incidents += other.incidents
        plannedIncidents += other.plannedIncidents
        timesToAcknowledge += other.timesToAcknowledge
        timesToRestore += other.timesToRestore
    }

    mutating func add(_ outage: Outage) {
        if outage.began { incidents += 1 }
        if outage.plannedInPeriod { plannedIncidents += 1 }
        if let time = outage.timeToAcknowledge { timesToAcknowledge.append(time) }
        if let time = outage.timeToRestore { timesToRestore.append(time) }
    }
}

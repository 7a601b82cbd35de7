import VedettaCore
import VedettaIncidents

/// What a period's figures are computed from, the same for every incident: shared, read-only, by the threads
/// that count halves of the incidents.
struct PeriodContext: Sendable {
    /// `[from, to)` in ms.
    let period: Range<Int64>
    /// By severity position: whether the request includes it.
    let includedSeverities: [Bool]
    let scope: ReportScope
    let affected: AffectedDevices
    let numbering: GroupNumbering
    let targetBits: TargetBits
    let ruleCount: Int
    let downtimeSeverity: Severity
}

/// One pass over a run of incidents for one period: counts and times per group, rule, target and device, the
/// outages that began, and each device's downtime and planned intervals. Two runs counted at once are added up
/// with ``append(_:)``, in order.
struct PeriodAccumulator: Sendable {
    var total = IncidentTally()
    /// By group number.
    var groups: [IncidentTally]
    /// By group number: whether an incident counted in it.
    var counted: [Bool]
    var ruleIncidents: [Int]
    /// By target: the times its value is computed from (see ``TargetBits/Times``).
    var targetTimes: [[Int64]]
    var deviceIncidents: [Int]
    /// The start and time to restore of each outage that began in the period, in order of detection.
    var began: [BeganOutage] = []
    var downtime: [[DowntimeEntry]]
    var planned: [[DowntimeEntry]]

    /// An outage that began in the period.
    struct BeganOutage: Sendable {
        var start: Int64
        var timeToRestore: Int64?
    }

    /// Counts `rows` for `context`'s period.
    ///
    /// - Parameters:
    ///   - rows: The incidents.
    ///   - context: The period and what its figures are computed from.
    ///   - room: Room for this many incidents' times in the whole and in each target, made once rather than grown
    ///     (a first half makes room for the second too).
    init(_ rows: ArraySlice<IncidentSpanTable.Row>, context: PeriodContext, room: Int) {
        let groupCount = context.numbering.keys.count
        groups = Array(repeating: IncidentTally(), count: groupCount)
        counted = Array(repeating: false, count: groupCount)
        ruleIncidents = Array(repeating: 0, count: context.ruleCount)
        targetTimes = Array(repeating: [], count: context.targetBits.times.count)
        deviceIncidents = Array(repeating: 0, count: context.scope.count)
        downtime = Array(repeating: [], count: context.scope.count)
        planned = Array(repeating: [], count: context.scope.count)
        total.reserve(room)
        for (index, times) in context.targetBits.times.enumerated() where times.isOwn {
            targetTimes[index].reserveCapacity(room)
        }
        for span in rows { add(span, context: context) }
    }

    private mutating func add(_ span: IncidentSpanTable.Row, context: PeriodContext) {
        let period = context.period
        guard Outage.mayTouch(span, period), context.includedSeverities[span.severity.position] else { return }
        let outage = Outage(span, period: period)
        guard outage.isRelevant else { return }
        let devices = context.affected.of(span)
        total.add(outage)
        if outage.began {
            devices.forEach { deviceIncidents[$0] += 1 }
            if let start = outage.start { began.append(BeganOutage(start: start, timeToRestore: outage.timeToRestore)) }
            ruleIncidents[Int(span.rule)] += 1
        }
        context.numbering.forEachGroup(of: span, devices: devices, scope: context.scope) { group in
            groups[group].add(outage)
            counted[group] = true
        }
        let kindGroup = context.numbering.kindGroup(of: span)
        // Targets: the times of those that need their own, and the devices whose downtime counts against them.
        let spanTargets = context.targetBits.of(span.severity, devices: devices)
        var timed = spanTargets & context.targetBits.timed
        while timed != 0 {
            let target = timed.trailingZeroBitCount
            timed &= timed - 1
            switch context.targetBits.times[target] {
            case .acknowledge: if let time = outage.timeToAcknowledge { targetTimes[target].append(time) }
            case .restore: if let time = outage.timeToRestore { targetTimes[target].append(time) }
            case .none, .ofTheWhole: break
            }
        }
        if span.severity >= context.downtimeSeverity, !outage.outage.isEmpty {
            devices.forEach { device in
                downtime[device].append(
                    DowntimeEntry(
                        lower: outage.outage.lowerBound, upper: outage.outage.upperBound, rule: span.rule,
                        key: kindGroup, targets: spanTargets & context.targetBits.ofDevice[device]))
            }
        }
        if !outage.planned.isEmpty {
            devices.forEach { device in
                planned[device].append(
                    DowntimeEntry(
                        lower: outage.planned.lowerBound, upper: outage.planned.upperBound, rule: -1, key: kindGroup,
                        targets: 0))
            }
        }
    }

    /// Adds the counts of the incidents after this run's.
    mutating func append(_ later: PeriodAccumulator) {
        total.append(later.total)
        for index in groups.indices {
            groups[index].append(later.groups[index])
            counted[index] = counted[index] || later.counted[index]
        }
        for index in ruleIncidents.indices { ruleIncidents[index] += later.ruleIncidents[index] }
        for index in targetTimes.indices { targetTimes[index] += later.targetTimes[index] }
        for index in deviceIncidents.indices { deviceIncidents[index] += later.deviceIncidents[index] }
        began += later.began
        for index in downtime.indices where !later.downtime[index].isEmpty {
            downtime[index] += later.downtime[index]
        }
        for index in planned.indices where !later.planned[index].isEmpty { planned[index] += later.planned[index] }
    }
}

/// The targets as bits (target `t` is bit `t`): which ones an incident counts for, by its severity and the devices
/// it affects.
struct TargetBits: Sendable {
    /// The targets each device belongs to.
    let ofDevice: [UInt64]
    /// The targets that every device belongs to (no `match`).
    private let everyDevice: UInt64
    /// By severity position: the targets whose minimum severity it reaches.
    private let ofSeverity: [UInt64]
    /// By target: which times its value is computed from.
    let times: [Times]
    /// The targets that collect times of their own.
    let timed: UInt64

    /// The times a target's value is computed from.
    enum Times: Sendable {
        /// None: an availability target is measured by the sweep.
        case none
        /// Its incidents' times to acknowledge.
        case acknowledge
        /// Its incidents' times to restore.
        case restore
        /// The whole's, because it counts every incident (no `match`, no minimum severity).
        case ofTheWhole

        /// Whether the target collects times of its own.
        var isOwn: Bool { self == .acknowledge || self == .restore }
    }

    init(targets: [ReportTarget], scope: ReportScope) {
        var everyDevice: UInt64 = 0
        var ofSeverity = Array(repeating: UInt64(0), count: Severity.allCases.count)
        for (index, target) in targets.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            if target.match.isEmpty { everyDevice |= bit }
            for severity in Severity.allCases where severity >= (target.minimumSeverity ?? .info) {
                ofSeverity[severity.position] |= bit
            }
        }
        var ofDevice = Array(repeating: everyDevice, count: scope.count)
        for (index, target) in targets.enumerated() where !target.match.isEmpty {
            for device in scope.devices(matching: target.match) { ofDevice[device] |= 1 << UInt64(index) }
        }
        self.ofDevice = ofDevice
        self.everyDevice = everyDevice
        self.ofSeverity = ofSeverity
        let times = targets.map { target -> Times in
            let everything = target.match.isEmpty && (target.minimumSeverity ?? .info) == .info
            switch target.goal {
            case .availability: return .none
            case .timeToAcknowledge: return everything ? .ofTheWhole : .acknowledge
            case .timeToRestore: return everything ? .ofTheWhole : .restore
            }
        }
        self.times = times
        self.timed = times.enumerated().reduce(0) { bits, entry in
            entry.element.isOwn ? bits | 1 << UInt64(entry.offset) : bits
        }
    }

    /// The targets an incident of `severity` affecting `devices` counts for: those its severity reaches that
    /// match every device or one of its devices.
    func of(_ severity: Severity, devices: AffectedDevices.Devices) -> UInt64 {
        var reach = everyDevice
        devices.forEach { reach |= ofDevice[$0] }
        return reach & ofSeverity[severity.position]
    }
}

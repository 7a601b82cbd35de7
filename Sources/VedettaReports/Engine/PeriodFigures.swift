import VedettaCore
import VedettaIncidents

/// Everything a report computes over one period, in one pass over the incidents and one sweep over each device's
/// downtime: the figures of each group and of the whole, the downtime of each device and rule, the targets'
/// values, downtime per day and times to restore per week.
///
/// Over many incidents (``ReportBuilder/parallelThreshold``) each step runs in two halves at once: the pass over
/// the incidents (first and second half, added up in order), the sweep (the devices of each half of the
/// intervals) and the statistics (the groups, and the whole with the targets).
struct PeriodFigures {
    /// A group's key; `nil` for incidents without one.
    typealias Key = String?

    let period: Range<Int64>
    let groups: [Key: KPIReport.Group]
    let total: KPIReport.Group
    let targetValues: [Double?]
    let topDevices: [KPIReport.Ranked]
    let topRules: [KPIReport.Ranked]
    /// The start and time to restore of each outage that began in the period, in order of detection.
    let began: [PeriodAccumulator.BeganOutage]
    /// Downtime per entry of `days`, ms.
    let dayDowntime: [Int64]

    /// Computes the figures of `period`.
    ///
    /// - Parameters:
    ///   - spans: The incidents; only those whose severity is included count.
    ///   - includedSeverities: By severity position, whether the request includes it.
    ///   - scope: The devices.
    ///   - affected: The devices each incident affects.
    ///   - numbering: The report's groups.
    ///   - period: `[from, to)` in ms.
    ///   - settings: How reports are made.
    ///   - days: The local days of the period, for downtime per day (empty when not wanted).
    ///   - parallelThreshold: From this many incidents or intervals on, steps run in two halves at once.
    init(
        spans: IncidentSpanTable, includedSeverities: [Bool], scope: ReportScope, affected: AffectedDevices,
        numbering: GroupNumbering, period: Range<Int64>, settings: ReportSettings, days: [Range<Int64>],
        parallelThreshold: Int
    ) {
        self.period = period
        let businessHours = settings.businessHours?.intervals(from: period.lowerBound, to: period.upperBound)
        let targets = Array(settings.targets.prefix(64))
        let context = PeriodContext(
            period: period,
            includedSeverities: includedSeverities,
            scope: scope, affected: affected, numbering: numbering,
            targetBits: TargetBits(targets: targets, scope: scope),
            ruleCount: spans.rules.count, downtimeSeverity: settings.downtimeSeverity)

        let rows = spans.rows
        var counts: PeriodAccumulator
        if rows.count >= parallelThreshold {
            let middle = rows.count / 2
            let (early, later) = Parallel.both(
                { PeriodAccumulator(rows[..<middle], context: context, room: rows.count) },
                { PeriodAccumulator(rows[middle...], context: context, room: rows.count - middle) })
            counts = early
            counts.append(later)
        } else {
            counts = PeriodAccumulator(rows[...], context: context, room: rows.count)
        }
        let sweep = DowntimeSweep(
            business: businessHours?.intervals ?? [], days: days, ruleCount: spans.rules.count,
            keyCount: numbering.keys.count, targetCount: targets.count, parallelThreshold: parallelThreshold
        ).run(counts.downtime)
        let plannedSweep = DowntimeSweep(
            business: [], days: [], ruleCount: 0, keyCount: numbering.keys.count, targetCount: 0,
            parallelThreshold: parallelThreshold
        ).run(counts.planned)

        let measured = MeasuredPeriod(
            counts: counts, downtime: sweep, planned: plannedSweep, context: context,
            availability: Availability(
                length: period.upperBound - period.lowerBound, businessLength: businessHours?.length ?? 0))
        if counts.total.incidents >= parallelThreshold {
            (groups, (total, targetValues)) = Parallel.both(
                { measured.groups() },
                {
                    let total = measured.total()
                    return (total, measured.targetValues(targets, total: total))
                })
        } else {
            groups = measured.groups()
            total = measured.total()
            targetValues = measured.targetValues(targets, total: total)
        }
        topDevices = measured.topDevices()
        topRules = measured.topRules(names: spans.rules)
        dayDowntime = sweep.days
        began = counts.began
    }

    /// The devices of a target.
    static func deviceCount(of target: ReportTarget, scope: ReportScope) -> Int {
        target.match.isEmpty ? scope.count : scope.devices(matching: target.match).count
    }
}

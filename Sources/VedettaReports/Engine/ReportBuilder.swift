import Foundation
import VedettaCore
public import VedettaIncidents
import VedettaMaintenance

/// Computes a ``KPIReport`` from the incidents of the period and of the previous period of the same length.
///
/// Definitions (docs/reports.md lists them for readers):
/// - An incident's **outage** runs from its detection to its restoration (or the end of the period). An incident
///   that opened inside a maintenance window is **planned** until it paged because the window ended; from then on
///   it is an outage. Planned time is shown apart and never counts against availability.
/// - **Incidents**, **MTTA** and **MTTR** count the incidents whose outage began in the period, measured from the
///   outage's start; an acknowledgement or restoration at or after the end of the period has not happened yet.
/// - **Downtime** is device-time: the outages of incidents at or above the downtime severity, merged per device so
///   overlaps count once, summed over devices. An incident affects its `device`; a manual incident without one
///   affects every device whose labels include all of its labels.
/// - **Availability** is the share of device-time without downtime: around the clock, and within the business
///   hours of the business calendar.
public struct ReportBuilder: Sendable {
    /// How reports are made.
    public let settings: ReportSettings
    /// From this many incidents (or downtime intervals) on, a period's passes run in two halves at once.
    var parallelThreshold = 100_000

    /// Creates a builder.
    ///
    /// - Parameter settings: How reports are made.
    public init(settings: ReportSettings) {
        self.settings = settings
    }

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - request: The period, grouping, severities and devices.
    ///   - spans: The incidents active in the period or in the previous period of the same length (more are
    ///     ignored), as the store reads them.
    /// - Returns: The report.
    public func build(_ request: ReportRequest, spans: IncidentSpanTable) -> KPIReport {
        // By severity position: whether the request includes it (all without a filter).
        let included = Severity.allCases.map { request.severities?.contains($0) ?? true }
        let scope = ReportScope(configured: request.devices, spans: spans, included: included)
        let affected = AffectedDevices(scope: scope, labelSets: spans.labelSets)
        let numbering = GroupNumbering(grouping: request.grouping, spans: spans, scope: scope)
        let from = Milliseconds.of(request.from)
        let to = max(Milliseconds.of(request.to), from)
        let previousFrom = from - (to - from)
        let days = localDays(from..<to)
        let current = PeriodFigures(
            spans: spans, includedSeverities: included, scope: scope, affected: affected, numbering: numbering,
            period: from..<to, settings: settings, days: days.map(\.range),
            parallelThreshold: parallelThreshold)
        let previous = PeriodFigures(
            spans: spans, includedSeverities: included, scope: scope, affected: affected, numbering: numbering,
            period: previousFrom..<from, settings: settings, days: [],
            parallelThreshold: parallelThreshold)

        var groups: [KPIReport.Group] = []
        for (key, figures) in current.groups {
            var group = figures
            group.previous = previous.groups[key].map(Self.previous)
            groups.append(group)
        }
        groups.sort { ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}") }
        var total = current.total
        total.previous = Self.previous(previous.total)

        return KPIReport(
            from: request.from,
            to: request.to,
            previousFrom: Milliseconds.date(previousFrom),
            timeZone: settings.timeZone.identifier,
            grouping: request.grouping,
            severities: request.severities.map { $0.sorted().map(\.rawValue) },
            downtimeSeverity: settings.downtimeSeverity.rawValue,
            businessHours: settings.businessHours.map(Self.describe),
            groups: groups,
            total: total,
            targets: targetResults(current: current, previous: previous, scope: scope),
            topDevices: current.topDevices,
            topRules: current.topRules,
            weeks: weeks(current, days: days),
            days: zip(days, current.dayDowntime).map {
                KPIReport.Day(date: $0.date, downtimeSeconds: Double($1) / 1000)
            }
        )
    }

    private static func previous(_ group: KPIReport.Group) -> KPIReport.Previous {
        KPIReport.Previous(
            incidents: group.incidents,
            availability: group.availability,
            businessAvailability: group.businessAvailability,
            meanTimeToAcknowledge: group.timeToAcknowledge?.mean,
            meanTimeToRestore: group.timeToRestore?.mean
        )
    }

    private func targetResults(current: PeriodFigures, previous: PeriodFigures, scope: ReportScope)
        -> [KPIReport.TargetResult]
    {
        settings.targets.enumerated().map { index, target in
            let value = current.targetValues[index]
            let figure: String
            let statistic: String?
            let goal: Double
            let met: Bool?
            switch target.goal {
            case .availability(let atLeast, let hours):
                figure = hours == .business ? "business_availability" : "availability"
                statistic = nil
                goal = atLeast
                met = value.map { $0 >= atLeast }
            case .timeToRestore(let atMost, let chosen):
                figure = "time_to_restore"
                statistic = chosen.rawValue
                goal = atMost.seconds
                met = value.map { $0 <= atMost.seconds }
            case .timeToAcknowledge(let atMost, let chosen):
                figure = "time_to_acknowledge"
                statistic = chosen.rawValue
                goal = atMost.seconds
                met = value.map { $0 <= atMost.seconds }
            }
            return KPIReport.TargetResult(
                name: target.name, figure: figure, statistic: statistic, goal: goal, value: value,
                previousValue: previous.targetValues[index], met: met,
                devices: PeriodFigures.deviceCount(of: target, scope: scope), match: target.match.dictionary,
                minimumSeverity: target.minimumSeverity?.rawValue)
        }
    }

    /// The local days of the period, as `[start, end)` instants with their dates.
    private func localDays(_ period: Range<Int64>) -> [(date: String, range: Range<Int64>)] {
        let zone = settings.timeZone
        var day = LocalDateTime(Milliseconds.date(period.lowerBound), in: zone).at(hour: 0, minute: 0)
        var days: [(String, Range<Int64>)] = []
        while days.count < 4000 {
            let start = Milliseconds.of(day.instant(in: zone))
            if start >= period.upperBound { break }
            let next = day.addingDays(1)
            let end = Milliseconds.of(next.instant(in: zone))
            days.append(
                (String(day.description.prefix(10)), max(start, period.lowerBound)..<min(end, period.upperBound)))
            if next == day { break }
            day = next
        }
        return days
    }

    private func weeks(_ figures: PeriodFigures, days: [(date: String, range: Range<Int64>)]) -> [KPIReport.Week] {
        var weeks: [(start: String, from: Int64)] = []
        for (index, day) in days.enumerated() {
            let local = LocalDateTime(Milliseconds.date(day.range.lowerBound), in: settings.timeZone)
            if index == 0 || local.weekday == .monday {
                let monday = local.addingDays(-(local.weekday.rawValue - 1))
                weeks.append((String(monday.description.prefix(10)), day.range.lowerBound))
            }
        }
        let starts = weeks.map(\.from)
        var restoreTimes = Array(repeating: [Int64](), count: weeks.count)
        var counts = Array(repeating: 0, count: weeks.count)
        for outage in figures.began {
            let index = Self.lastIndex(in: starts, notAfter: outage.start)
            guard index >= 0 else { continue }
            counts[index] += 1
            if let time = outage.timeToRestore { restoreTimes[index].append(time) }
        }
        return weeks.indices.map { index in
            KPIReport.Week(
                start: weeks[index].start,
                meanTimeToRestore: DurationSummary(milliseconds: restoreTimes[index])?.mean,
                incidents: counts[index])
        }
    }

    /// The index of the last value in sorted `values` not after `value`, or -1.
    private static func lastIndex(in values: [Int64], notAfter value: Int64) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    private static func describe(_ calendar: BusinessCalendar) -> KPIReport.BusinessHours {
        KPIReport.BusinessHours(
            timeZone: calendar.timeZone.identifier,
            days: Weekday.allCases.compactMap { day in
                guard let hours = calendar.hours[day], !hours.isEmpty else { return nil }
                return KPIReport.BusinessHours.Day(weekday: day.code, hours: hours.map(\.description))
            },
            holidays: calendar.holidays.map(\.description))
    }
}

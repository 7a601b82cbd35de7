import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaReports

/// Reads `reports:` of `vedetta.yaml`: language, zone, what counts as downtime, business hours, KPI targets and
/// scheduled reports. Every mistake is reported at its value.
///
/// ```yaml
/// reports:
///   language: it
///   business_hours:
///     days: {mon-fri: "08:00-21:00", sat: "08:00-13:00"}
///     holidays: [01-01, 04-25, 2027-03-29, 12-25]
///   targets:
///     - {name: PBX availability, match: {role: pbx}, availability: 99.9, hours: business}
///     - {name: Critical MTTR, severity: critical, mttr: 30m}
///   schedules:
///     - {name: weekly, every: week, at: "07:00", group_by: site}
/// ```
struct ReportsReader {
    static let keys = [
        "language", "time_zone", "downtime_severity", "business_hours", "targets", "schedules", "output_dir",
    ]
    static let businessKeys = ["time_zone", "days", "holidays"]
    static let targetKeys = ["name", "match", "severity", "availability", "hours", "mttr", "mtta", "statistic"]
    static let scheduleKeys = ["name", "every", "at", "group_by", "formats", "language"]

    /// The agent's zone, the default of `time_zone`.
    let defaultZone: TimeZone
    /// The directory of `vedetta.yaml`, against which `output_dir` resolves.
    let configDirectory: String
    /// The data directory, in which scheduled reports go by default (`reports/`).
    let dataDirectory: String

    func read(_ reader: NodeReader?) -> ReportSettings {
        var settings = ReportSettings(
            timeZone: defaultZone, outputDirectory: ConfigPaths.join(dataDirectory, "reports"))
        guard let mapping = reader?.mapping(keys: Self.keys) else { return settings }
        if let language = mapping.optional("language")?.choice("report language", of: ReportLanguage.self) {
            settings.language = language
        }
        if let zoneReader = mapping.optional("time_zone") { settings.timeZone = zone(zoneReader) ?? defaultZone }
        if let severity = mapping.optional("downtime_severity")?.choice("severity", of: Severity.self) {
            settings.downtimeSeverity = severity
        }
        if let business = mapping.optional("business_hours") {
            settings.businessHours = readBusinessHours(business, defaultZone: settings.timeZone)
        }
        if let targets = mapping.optional("targets")?.list() {
            var names = DuplicateNames(kind: "target")
            settings.targets = names.readUnique(targets, key: "name", readTarget)
        }
        if let schedules = mapping.optional("schedules")?.list() {
            var names = DuplicateNames(kind: "report schedule")
            settings.schedules = names.readUnique(schedules, key: "name", readSchedule)
        }
        if let directory = mapping.optional("output_dir")?.nonEmptyString() {
            settings.outputDirectory = ConfigPaths.absolute(ConfigPaths.join(configDirectory, directory))
        }
        return settings
    }

    private func zone(_ reader: NodeReader) -> TimeZone? {
        guard let name = reader.nonEmptyString() else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            reader.report("unknown time zone \"\(name)\"; use an IANA name such as Europe/Rome or UTC")
            return nil
        }
        return zone
    }

    private func readBusinessHours(_ reader: NodeReader, defaultZone: TimeZone) -> BusinessCalendar? {
        guard let mapping = reader.mapping(keys: Self.businessKeys) else { return nil }
        let zone = mapping.optional("time_zone").flatMap(zone) ?? defaultZone
        var hours: [Weekday: [BusinessCalendar.Hours]] = [:]
        guard let days = mapping.required("days")?.stringMapOfValues() else { return nil }
        for (key, keyReader, valueReader) in days {
            guard let weekdays = WeekdayNames.parse(key) else {
                keyReader.report(
                    "unknown days \"\(key)\"; use a day or a range of days such as mon, sat, mon-fri (or lun-ven)")
                continue
            }
            let texts: [(String, NodeReader)] =
                valueReader.isList
                ? (valueReader.stringList() ?? []) : (valueReader.nonEmptyString().map { [($0, valueReader)] } ?? [])
            var spans: [BusinessCalendar.Hours] = []
            for (text, item) in texts {
                guard let span = BusinessCalendar.Hours.parse(text) else {
                    item.report("invalid hours \"\(text)\"; use HH:MM-HH:MM such as 08:00-21:00 (24:00 for midnight)")
                    continue
                }
                spans.append(span)
            }
            for weekday in weekdays {
                if hours[weekday] != nil {
                    keyReader.report("\(weekday.name) is given business hours twice")
                }
                hours[weekday] = spans.sorted { $0.start < $1.start }
            }
        }
        var holidays: [BusinessCalendar.Holiday] = []
        for (text, item) in mapping.optional("holidays")?.stringList() ?? [] {
            guard let holiday = BusinessCalendar.Holiday.parse(text) else {
                item.report("invalid holiday \"\(text)\"; use a date (2027-03-29) or a yearly MM-DD (12-25)")
                continue
            }
            holidays.append(holiday)
        }
        return BusinessCalendar(timeZone: zone, hours: hours, holidays: holidays)
    }

    private func readTarget(_ reader: NodeReader) -> ReportTarget? {
        guard let mapping = reader.mapping(keys: Self.targetKeys) else { return nil }
        let name = mapping.required("name")?.nonEmptyString()
        var match = LabelSet()
        if let pairs = mapping.optional("match")?.stringMap() {
            match = LabelSet(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        }
        let severity = mapping.optional("severity")?.choice("severity", of: Severity.self)
        let statistic = mapping.optional("statistic")?.choice("statistic", of: ReportTarget.Statistic.self) ?? .mean
        let goals = ["availability", "mttr", "mtta"].filter { mapping.optional($0) != nil }
        guard goals.count == 1, let key = goals.first, let goalReader = mapping.optional(key) else {
            reader.report(
                goals.isEmpty
                    ? "a target needs one goal: availability (percent), mttr or mtta (a duration)"
                    : "a target has one goal; \(goals.joined(separator: " and ")) are several: make one target each")
            return nil
        }
        let goal: ReportTarget.Goal
        switch key {
        case "availability":
            guard let value = goalReader.double() else { return nil }
            guard value > 0, value <= 100 else {
                goalReader.report("availability is a percentage above 0 and at most 100, got \(value)")
                return nil
            }
            let hours = mapping.optional("hours")?.choice("hours", of: ReportTarget.Hours.self) ?? .always
            goal = .availability(atLeast: value, hours: hours)
        case "mttr":
            guard let value = goalReader.duration() else { return nil }
            goal = .timeToRestore(atMost: value, statistic: statistic)
        default:
            guard let value = goalReader.duration() else { return nil }
            goal = .timeToAcknowledge(atMost: value, statistic: statistic)
        }
        if key != "availability", let hours = mapping.optional("hours") {
            hours.report("hours applies to availability targets only")
        }
        guard let name else { return nil }
        return ReportTarget(name: name, match: match, minimumSeverity: severity, goal: goal)
    }

    private func readSchedule(_ reader: NodeReader) -> ReportSchedule? {
        guard let mapping = reader.mapping(keys: Self.scheduleKeys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "report schedule name")
        let every = mapping.required("every")?.choice("schedule", of: ReportSchedule.Every.self)
        var minute = 420
        if let atReader = mapping.optional("at"), let text = atReader.nonEmptyString() {
            if let hours = BusinessCalendar.Hours.parse(text + "-24:00"), hours.start < 1440 {
                minute = hours.start
            } else {
                atReader.report("invalid time \"\(text)\"; use HH:MM such as 07:00")
            }
        }
        let grouping = mapping.optional("group_by")?.choice("grouping", of: ReportGrouping.self) ?? .site
        var formats: [ReportFormat] = [.html]
        if let list = mapping.optional("formats")?.stringList() {
            formats = list.compactMap { value, item in
                guard let format = ReportFormat(rawValue: value) else {
                    item.report(
                        "invalid format \"\(value)\"; use "
                            + NodeReader.alternatives(ReportFormat.allCases.map(\.rawValue)))
                    return nil
                }
                return format
            }
        }
        let language = mapping.optional("language")?.choice("report language", of: ReportLanguage.self)
        guard let name, let every else { return nil }
        return ReportSchedule(
            name: name, every: every, minuteOfDay: minute, grouping: grouping, formats: formats, language: language)
    }
}

/// Day names in `business_hours.days`: `mon`…`sun` or Italian `lun`…`dom`, alone or as a range `mon-fri`.
enum WeekdayNames {
    private static let names: [String: Weekday] = [
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday,
        "sun": .sunday, "lun": .monday, "mar": .tuesday, "mer": .wednesday, "gio": .thursday, "ven": .friday,
        "sab": .saturday, "dom": .sunday,
    ]

    /// The days named by `text`, or `nil` when it names none (a range must run forward: `mon-fri`, not `fri-mon`).
    static func parse(_ text: String) -> [Weekday]? {
        let parts = text.lowercased().split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first.flatMap({ names[$0] }) else { return nil }
        switch parts.count {
        case 1: return [first]
        case 2:
            guard let last = names[parts[1]], first <= last else { return nil }
            return Weekday.allCases.filter { $0 >= first && $0 <= last }
        default: return nil
        }
    }
}

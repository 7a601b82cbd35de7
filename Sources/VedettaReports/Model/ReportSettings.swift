public import Foundation
public import VedettaCore

/// How reports are made (`reports:` in `vedetta.yaml`).
public struct ReportSettings: Sendable, Hashable {
    /// The language when none is asked for.
    public var language: ReportLanguage
    /// The zone of dates in reports, of `--from`/`--to` given as dates, of weeks and days in the charts.
    public var timeZone: TimeZone
    /// Incidents at this severity or above are downtime; lower ones count in incidents, MTTA and MTTR only.
    public var downtimeSeverity: Severity
    /// The business hours; `nil` when none are configured (reports then give 24×7 availability only).
    public var businessHours: BusinessCalendar?
    /// The KPI targets.
    public var targets: [ReportTarget]
    /// Reports made on a schedule.
    public var schedules: [ReportSchedule]
    /// Where scheduled reports are written.
    public var outputDirectory: String?

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - language: The default language.
    ///   - timeZone: The zone of dates, weeks and days.
    ///   - downtimeSeverity: The lowest severity that is downtime.
    ///   - businessHours: The business hours.
    ///   - targets: The KPI targets.
    ///   - schedules: Reports made on a schedule.
    ///   - outputDirectory: Where scheduled reports are written.
    public init(
        language: ReportLanguage = .english,
        timeZone: TimeZone,
        downtimeSeverity: Severity = .critical,
        businessHours: BusinessCalendar? = nil,
        targets: [ReportTarget] = [],
        schedules: [ReportSchedule] = [],
        outputDirectory: String? = nil
    ) {
        self.language = language
        self.timeZone = timeZone
        self.downtimeSeverity = downtimeSeverity
        self.businessHours = businessHours
        self.targets = targets
        self.schedules = schedules
        self.outputDirectory = outputDirectory
    }
}

/// A report made on a schedule (`reports.schedules[]`): last week's every Monday, last month's on the 1st.
public struct ReportSchedule: Sendable, Hashable {
    /// How often, and which period each report covers.
    public enum Every: String, Sendable, Hashable, CaseIterable {
        /// Every week: the previous Monday-to-Monday week.
        case week
        /// Every month: the previous calendar month.
        case month
    }

    /// The name, unique; part of the file name and of the record that makes it exactly once per period.
    public var name: String
    /// How often.
    public var every: Every
    /// The local time of day it is made, in minutes since midnight (e.g. 07:00 = 420), on Monday or the 1st.
    public var minuteOfDay: Int
    /// The grouping.
    public var grouping: ReportGrouping
    /// The formats written.
    public var formats: [ReportFormat]
    /// The language.
    public var language: ReportLanguage?

    /// Creates a schedule.
    ///
    /// - Parameters:
    ///   - name: The unique name.
    ///   - every: How often.
    ///   - minuteOfDay: When, in minutes since local midnight.
    ///   - grouping: The grouping.
    ///   - formats: The formats.
    ///   - language: The language (`nil`: the reports' default).
    public init(
        name: String, every: Every, minuteOfDay: Int = 420, grouping: ReportGrouping = .site,
        formats: [ReportFormat] = [.html], language: ReportLanguage? = nil
    ) {
        self.name = name
        self.every = every
        self.minuteOfDay = minuteOfDay
        self.grouping = grouping
        self.formats = formats
        self.language = language
    }
}

/// The formats a report is written in.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Aligned text for a terminal.
    case text
    /// JSON, schema in docs/reports.md.
    case json
    /// One row per group, for spreadsheets.
    case csv
    /// One self-contained page with charts, printable on A4.
    case html

    /// The file extension.
    public var fileExtension: String { rawValue == "text" ? "txt" : rawValue }

    /// The HTTP content type.
    public var contentType: String {
        switch self {
        case .text: "text/plain; charset=utf-8"
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}

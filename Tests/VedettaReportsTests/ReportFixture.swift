import Foundation
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaReports

/// A week of incidents in Europe/Rome across the spring DST change (Sunday 29 March 2026), with a holiday on
/// Wednesday 25 March, four devices in two sites, and every case the report must get right: overlapping
/// incidents, one from before the period, one still open, a warning (not downtime), one that opened in
/// maintenance and paged when the window ended, and a manual incident for a whole site across the DST change.
enum ReportFixture {
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt

    /// A local time in Rome, `2026-03-24 10:00`.
    static func local(_ text: String) -> Date {
        guard let value = LocalDateTime.parse(text) else { preconditionFailure("not a local time: \(text)") }
        return value.instant(in: rome)
    }

    static let from = local("2026-03-23 00:00")
    static let to = local("2026-03-30 00:00")
    /// 7 days less the hour DST skips.
    static let periodSeconds = 167.0 * 3600

    static let devices: [ReportRequest.Device] = [
        .init(id: "pbx-mi", labels: ["site": "milano", "role": "pbx"]),
        .init(id: "sw-mi", labels: ["site": "milano", "role": "switch"]),
        .init(id: "pbx-rm", labels: ["site": "roma", "role": "pbx"]),
        .init(id: "sw-rm", labels: ["site": "roma", "role": "switch"]),
    ]

    /// Monday to Saturday 08:00–21:00, the 25th of March a holiday: 5 business days of 13 hours in the period.
    static let business = BusinessCalendar(
        timeZone: rome,
        hours: Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday, .saturday].map {
                ($0, [BusinessCalendar.Hours(start: 480, end: 1260)].compactMap { $0 })
            }),
        holidays: [.yearly(month: 3, day: 25)])
    static let businessSeconds = 65.0 * 3600

    static func settings(targets: [ReportTarget] = []) -> ReportSettings {
        ReportSettings(
            language: .english, timeZone: rome, downtimeSeverity: .critical, businessHours: business, targets: targets)
    }

    private static func span(
        _ id: Int64, _ rule: String, _ severity: Severity, _ labels: LabelSet, detected: String,
        acknowledged: String? = nil, restored: String? = nil, origin: IncidentOrigin = .alert,
        category: String? = nil, window: Int64? = nil, paged: String? = nil
    ) -> IncidentSpan {
        IncidentSpan(
            id: id, rule: rule, severity: severity, labels: labels, origin: origin, category: category,
            detectedAt: local(detected), acknowledgedAt: acknowledged.map(local), restoredAt: restored.map(local),
            maintenanceWindowID: window, pagedAfterMaintenanceAt: paged.map(local))
    }

    static let spans: [IncidentSpan] = [
        // A and B overlap on pbx-mi: 10:00–12:00 is 2 hours of downtime, all in business hours.
        span(
            1, "PBXDown", .critical, ["device": "pbx-mi", "site": "milano"], detected: "2026-03-24 10:00",
            acknowledged: "2026-03-24 10:05", restored: "2026-03-24 11:00"),
        span(
            2, "PBXDown", .critical, ["device": "pbx-mi", "site": "milano"], detected: "2026-03-24 10:30",
            restored: "2026-03-24 12:00"),
        // C: a warning, counted as an incident but not downtime.
        span(
            3, "HighCPU", .warning, ["device": "sw-mi", "site": "milano"], detected: "2026-03-25 09:00",
            restored: "2026-03-25 10:00"),
        // D: began the day before the period; one hour of downtime in it, counted in the previous period.
        span(
            4, "DeviceUnreachable", .critical, ["device": "pbx-rm", "site": "roma"], detected: "2026-03-22 23:00",
            restored: "2026-03-23 01:00"),
        // E: opened in maintenance window 9 at 20:00, paged at 20:30 when the window ended, restored at 21:30.
        span(
            5, "DeviceUnreachable", .critical, ["device": "sw-rm", "site": "roma"], detected: "2026-03-26 20:00",
            restored: "2026-03-26 21:30", window: 9, paged: "2026-03-26 20:30"),
        // F: manual, the whole Rome site without power from Saturday 20:00 to Sunday 10:00 (13 hours, DST).
        span(
            6, "manual", .critical, ["site": "roma"], detected: "2026-03-28 20:00", restored: "2026-03-29 10:00",
            origin: .manual, category: "power"),
        // G: still open at the end of the period: 30 minutes.
        span(7, "PBXDown", .critical, ["device": "pbx-mi", "site": "milano"], detected: "2026-03-29 23:30"),
    ]

    static func request(_ grouping: ReportGrouping, severities: Set<Severity>? = nil) -> ReportRequest {
        ReportRequest(from: from, to: to, grouping: grouping, severities: severities, devices: devices)
    }
}

// Matching firing alerts against maintenance windows, as the agent does in one evaluation cycle: the maintenance
// muter asked about every alert. Pure CPU, no I/O; bounded by the round count.
//
// Usage: maintenance-matching [ALERTS] [WINDOWS] [ROUNDS]   (defaults: 10000 500 50)
import Foundation
import VedettaAlerting
import VedettaCore
import VedettaMaintenance
import VedettaRules

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let alertCount = arguments.count > 0 ? arguments[0] : 10_000
let windowCount = arguments.count > 1 ? arguments[1] : 500
let rounds = arguments.count > 2 ? arguments[2] : 50
guard (1...1_000_000).contains(alertCount), (1...100_000).contains(windowCount), (1...1000).contains(rounds) else {
    FileHandle.standardError.write(Data("ALERTS 1...1000000, WINDOWS 1...100000, ROUNDS 1...1000\n".utf8))
    exit(64)
}

// Wednesday 2 December 2026, 10:00 UTC: a working morning.
let instant = Date(timeIntervalSince1970: 1_796_205_600)
let zones = ["Europe/Rome", "America/New_York", "Asia/Tokyo", "UTC"]
let roles = ["switch", "router", "pbx", "ivr", "ups", "server", "firewall", "application"]
let sites = (0..<20).map { "site-\($0)" }

// Windows of every shape, all recurring and started in 2023 so every query expands years of rules: per device,
// per site and role, and by regular expression only; daily, weekly with several days, monthly by ordinal weekday
// and by day of month, with COUNT, UNTIL and EXDATE. About half are in progress at the instant.
func makeWindows() throws -> [MaintenanceWindow] {
    var windows: [MaintenanceWindow] = []
    for index in 0..<windowCount {
        let match: String
        switch index % 4 {
        case 0: match = "device=\"dev-\(index * 7 % max(alertCount, 1))\""
        case 1: match = "site=\"\(sites[index % sites.count])\", role=\"\(roles[index % roles.count])\""
        case 2: match = "role=~\"\(roles[index % roles.count])|none\", alertname=\"DeviceDown\""
        default: match = "device=\"dev-\(index)\", severity=\"critical\""
        }
        let rule: String
        let start: String
        let duration: String
        switch index % 5 {
        case 0: (rule, start, duration) = ("FREQ=DAILY", "2023-01-02T08:00", "4h")
        case 1: (rule, start, duration) = ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "2023-01-02T09:00", "3h")
        case 2: (rule, start, duration) = ("FREQ=MONTHLY;BYDAY=1WE", "2023-01-04T06:00", "6h")
        case 3:
            (rule, start, duration) = ("FREQ=MONTHLY;BYMONTHDAY=2,-1;UNTIL=20301231T000000Z", "2023-01-02T01:00", "12h")
        default: (rule, start, duration) = ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=500", "2023-01-03T22:00", "2h")
        }
        let definition = try MaintenanceRequest(
            match: match, start: start, duration: duration, timeZone: zones[index % zones.count], rrule: rule,
            exdates: [], reason: "window \(index)"
        ).definition(defaultZone: .gmt, now: instant)
        windows.append(
            MaintenanceWindow(
                id: Int64(index + 1), definition: definition, createdBy: "bench", createdAt: instant,
                updatedAt: instant))
    }
    return windows
}

func makeAlerts() -> [Alert] {
    (0..<alertCount).map { index in
        let labels: LabelSet = [
            "alertname": index % 3 == 0 ? "DeviceDown" : "InterfaceDown", "device": "dev-\(index)",
            "site": sites[index % sites.count], "role": roles[index % roles.count], "probe": "snmp",
            "severity": index % 2 == 0 ? "critical" : "warning", "ifName": "ge-0/0/\(index % 48)",
        ]
        return Alert(
            ruleName: labels["alertname"] ?? "", device: DeviceID("dev-\(index)"), labels: labels, value: 0,
            state: .firing, activeSince: instant, firedAt: instant, severity: .critical)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
}
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

do {
    let windows = try makeWindows()
    let alerts = makeAlerts()
    let calendar = MaintenanceCalendar(windows: windows)
    let clock = ContinuousClock()
    var snapshotTimes: [Double] = []
    var matchTimes: [Double] = []
    var cycleTimes: [Double] = []
    var muted = 0
    var active = 0
    for _ in 0..<rounds {
        // A cycle right after the set of active windows changed: the snapshot is rebuilt, then every alert asked.
        let muter = MaintenanceMuter(calendar: calendar)
        var snapshot = ActiveMaintenance(instant: instant, validUntil: instant, active: [])
        let snapshotTime = clock.measure { snapshot = muter.active(at: instant) }
        var count = 0
        let matchTime = clock.measure {
            for alert in alerts where muter.muteReason(for: alert, at: instant) != nil { count += 1 }
        }
        muted = count
        active = snapshot.windows.count
        snapshotTimes.append(milliseconds(snapshotTime))
        matchTimes.append(milliseconds(matchTime))
        cycleTimes.append(milliseconds(snapshotTime + matchTime))
    }
    print(
        "alerts \(alertCount), windows \(windowCount) (recurring since 2023, 4 time zones), \(active) in progress, rounds \(rounds)"
    )
    print("alerts muted per cycle: \(muted)")
    print(
        String(
            format: "snapshot of active windows: median %.3f ms, p90 %.3f ms", percentile(snapshotTimes, 0.5),
            percentile(snapshotTimes, 0.9)))
    print(
        String(
            format: "matching every alert:        median %.3f ms, p90 %.3f ms", percentile(matchTimes, 0.5),
            percentile(matchTimes, 0.9)))
    print(
        String(
            format: "whole cycle:                 median %.3f ms, p90 %.3f ms, max %.3f ms",
            percentile(cycleTimes, 0.5), percentile(cycleTimes, 0.9), cycleTimes.max() ?? 0))
} catch {
    FileHandle.standardError.write(Data("maintenance-matching: \(error)\n".utf8))
    exit(1)
}

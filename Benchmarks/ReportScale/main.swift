import Foundation
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaReports
import VedettaStoreSQLite

// A KPI report over a year of incidents from SQLite: the read of the spans and the computation, timed apart, best
// of ROUNDS; then the report of the last 30 days of the same log. The database is made by run.sh (Vedetta's schema, then seed.sql.sh through sqlite3).
// Usage: report-scale DATABASE DEVICES SITES END_MS [ROUNDS] [--create | --open]

let arguments = CommandLine.arguments
guard arguments.count >= 5, let devices = Int(arguments[2]), let sites = Int(arguments[3]),
    let endMilliseconds = Double(arguments[4])
else {
    FileHandle.standardError.write(Data("usage: report-scale DATABASE DEVICES SITES END_MS [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 5 ? max(1, Int(arguments[5]) ?? 3) : 3
if arguments.count > 6, arguments[6] == "--create" {
    // Only creates the schema (run.sh fills it with sqlite3).
    _ = try SQLiteIncidentStore(path: arguments[1])
    exit(0)
}
if arguments.count > 6, arguments[6] == "--open" {
    // Only opens the database, migrating it: run.sh times the upgrade of a log from before the report spans.
    let clock = ContinuousClock()
    let start = clock.now
    _ = try SQLiteIncidentStore(path: arguments[1], createIfMissing: false)
    print(String(format: "opened and migrated in %.2f s", (clock.now - start) / .seconds(1)))
    exit(0)
}
let store = try SQLiteIncidentStore(path: arguments[1], createIfMissing: false)
let roles = ["pbx", "switch", "router", "server"]
let configured = (0..<devices).map { index in
    ReportRequest.Device(
        id: DeviceID(String(format: "dev-%05d", index)),
        labels: ["site": String(format: "site-%02d", index % sites), "role": roles[index % 4]])
}
let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
let settings = ReportSettings(
    language: .italian, timeZone: rome, downtimeSeverity: .critical,
    businessHours: BusinessCalendar(
        timeZone: rome,
        hours: Dictionary(
            uniqueKeysWithValues: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday].map {
                ($0, [BusinessCalendar.Hours(start: 480, end: 1260)].compactMap { $0 })
            }),
        holidays: [.yearly(month: 12, day: 25), .yearly(month: 1, day: 1)]),
    targets: [
        ReportTarget(name: "PBX", match: ["role": "pbx"], goal: .availability(atLeast: 99.9, hours: .business)),
        ReportTarget(
            name: "MTTR", minimumSeverity: .critical, goal: .timeToRestore(atMost: .seconds(1800), statistic: .p90)),
        ReportTarget(name: "MTTA", goal: .timeToAcknowledge(atMost: .seconds(300), statistic: .mean)),
    ])
let to = Date(timeIntervalSince1970: endMilliseconds / 1000)
let request = ReportRequest(
    from: to - 365 * 86_400, to: to, grouping: .site, severities: nil, devices: configured)

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
}

var best: (read: Double, build: Double, total: Double, cpu: Double)?
var totals: [Double] = []
var spanCount = 0
var groupCount = 0
for _ in 0..<rounds {
    let clock = ContinuousClock()
    let cpu0 = cpuSeconds()
    let start = clock.now
    // The previous period of the same length is read too: two years of incidents.
    let spans = try await store.spans(activeFrom: request.previousFrom, to: request.to)
    let read = clock.now
    let report = ReportBuilder(settings: settings).build(request, spans: spans)
    let built = clock.now
    let cpu = cpuSeconds() - cpu0
    spanCount = spans.count
    groupCount = report.groups.count
    let round = (
        read: (read - start) / .seconds(1), build: (built - read) / .seconds(1), total: (built - start) / .seconds(1),
        cpu: cpu
    )
    totals.append(round.total)
    if best == nil || round.total < best?.total ?? .infinity { best = round }
}
// The report a team asks for most: the last 30 days (with the 30 before them) of the same log.
let month = ReportRequest(from: to - 30 * 86_400, to: to, grouping: .site, severities: nil, devices: configured)
var monthBest = Double.infinity
var monthSpans = 0
for _ in 0..<rounds {
    let clock = ContinuousClock()
    let start = clock.now
    let spans = try await store.spans(activeFrom: month.previousFrom, to: month.to)
    _ = ReportBuilder(settings: settings).build(month, spans: spans)
    monthSpans = spans.count
    monthBest = min(monthBest, (clock.now - start) / .seconds(1))
}
print(String(format: "last 30 days: %d incidents read (with the 30 days before), %.3f s wall", monthSpans, monthBest))
if let best {
    let sorted = totals.sorted()
    print(
        String(
            format: "incidents read: %d, groups: %d, devices: %d\nread %.3f s + build %.3f s = %.3f s wall, %.3f s CPU "
                + "(best of %d)\nall rounds: first %.3f s, median %.3f s, worst %.3f s",
            spanCount, groupCount, devices, best.read, best.build, best.total, best.cpu, rounds, totals[0],
            sorted[sorted.count / 2], sorted[sorted.count - 1]))
}

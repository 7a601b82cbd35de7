import Foundation
import Logging
import VedettaCore
import VedettaIncidents
import VedettaNotify
import VedettaOnCall
import VedettaStoreSQLite

// Escalation timer precision: how late each escalation step is taken after it is due, with the agent's own
// Escalator on a SQLite file, on the wall clock. INCIDENTS incidents open at random moments over SPREAD seconds, each
// escalating through STEPS steps of WAIT seconds; a step's lateness is the time it was taken minus the time it was
// due (the incident's detection for the first step, the previous step plus its wait for the others).
// Bounded: the run ends SPREAD + STEPS × WAIT + 5 seconds after it starts.
// Usage: escalation-precision DATABASE [INCIDENTS] [STEPS] [WAIT_SECONDS] [SPREAD_SECONDS]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(
        Data("usage: escalation-precision DATABASE [INCIDENTS] [STEPS] [WAIT_SECONDS] [SPREAD_SECONDS]\n".utf8))
    exit(64)
}
let incidents = arguments.count > 2 ? min(max(Int(arguments[2]) ?? 200, 1), 1_000) : 200
let steps = arguments.count > 3 ? min(max(Int(arguments[3]) ?? 3, 1), 10) : 3
let wait = arguments.count > 4 ? min(max(Double(arguments[4]) ?? 2, 0.5), 60) : 2
let spread = arguments.count > 5 ? min(max(Double(arguments[5]) ?? 5, 0), 60) : 5

let store = try SQLiteIncidentStore(path: arguments[1])
let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
let here = SourceLocation(file: "bench", line: 1, column: 1)
let policy = EscalationPolicy(
    name: "bench",
    steps: (0..<steps).map { _ in
        EscalationStep(
            targets: [.person("marco", via: ["mail"])], wait: .milliseconds(Int64(wait * 1000)), location: here)
    })
let desk = OnCallDesk(
    roster: OnCallRoster(people: [Person(name: "marco", zone: rome)], policies: [policy]), store: store,
    defaultZone: rome)
var logger = Logger(label: "vedetta.bench")
logger.logLevel = .error
let escalator = Escalator(store: store, planner: EscalationPlanner(desk: desk), onPagesQueued: {}, logger: logger)

let start = Date()
let running = Task { try await escalator.run() }
// Open the incidents at random moments over the spread, as alerts would fire.
let offsets = (0..<incidents).map { _ in Double.random(in: 0...spread) }.sorted()
for (index, offset) in offsets.enumerated() {
    let due = start + offset
    let delay = due.timeIntervalSinceNow
    if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
    let draft = IncidentDraft(
        rule: "DeviceUnreachable", severity: .critical, labels: ["device": "dev-\(index)"], summary: "down",
        description: "")
    _ = try await store.open(draft, at: Date(), notify: [], escalation: "bench")
    escalator.wake()
}
let end = start + spread + Double(steps) * wait + 5
try await Task.sleep(for: .milliseconds(Int64(max(end.timeIntervalSinceNow, 0) * 1000)))
running.cancel()

var lateness: [Double] = []
var missing = 0
for incident in try await store.incidents(matching: IncidentQuery(state: .all, limit: incidents)) {
    let taken = incident.timeline.filter { $0.kind == .escalated }.map(\.at)
    missing += max(steps - taken.count, 0)
    var due = incident.detectedAt
    for at in taken {
        lateness.append(at.timeIntervalSince(due) * 1000)
        due = at + wait
    }
}
lateness.sort()
let sorted = lateness
func percentile(_ p: Double) -> Double {
    sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}
print(
    String(
        format:
            "escalation steps: %d taken (%d missing) of %d incidents × %d steps, wait %.1f s: lateness p50 %.1f ms, "
            + "p99 %.1f ms, max %.1f ms, mean %.1f ms",
        lateness.count, missing, incidents, steps, wait, percentile(0.5), percentile(0.99), lateness.last ?? .nan,
        lateness.reduce(0, +) / Double(max(lateness.count, 1))))

// Rule evaluation at scale, as the alerting core does it: every device's poll evaluated against 20 rules (rates,
// range functions over the in-memory history, and, or, unless, clear, absent) through the real RuleAlertSource
// (evaluators and alert trackers). Simulated time, one poll a minute per device; pure CPU, no I/O; bounded by the
// cycle count. Polls are made 100 devices at a time, untimed, just before they are evaluated, as in the agent, and
// released, untimed, after (in the agent the store and the exposition hold them too).
//
// The longest window (`increase(ifInErrors[1h])`) fills after 61 polls: with more than 63 cycles, the steady figures
// are those of the cycles after it (full histories); with fewer, of every cycle after the first two.
//
// Like a quiet network's, most series hold still from one poll to the next: statuses, error counters, memory, speeds.
// With RULE_EVALUATION_RESTLESS=1 every series but the statuses (which would open alerts) changes on every poll:
// error counters that count (at rates that change), memory, speeds and probe durations that move.
//
// Usage: rule-evaluation [DEVICES] [PORTS] [CYCLES]   (defaults: 10000 24 70; PRINT_CYCLES=1 prints every cycle)
import Foundation
import VedettaAlerting
import VedettaCore
import VedettaRules

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let deviceCount = arguments.count > 0 ? arguments[0] : 10_000
let portCount = arguments.count > 1 ? arguments[1] : 24
let cycles = arguments.count > 2 ? arguments[2] : 70
guard (1...100_000).contains(deviceCount), (1...512).contains(portCount), (2...500).contains(cycles) else {
    FileHandle.standardError.write(Data("DEVICES 1...100000, PORTS 1...512, CYCLES 2...500\n".utf8))
    exit(64)
}

let ruleTexts: [(name: String, expr: String, clear: String?)] = [
    ("DeviceUnreachable", #"up{probe="snmp"} == 0"#, nil),
    (
        "InterfaceDown",
        #"ifOperStatus == 2 and ifAdminStatus == 1 and (min_over_time(ifOperStatus[15m]) == 1 or ifOperStatus{ifAlias=~".*\[page\].*"})"#,
        "ifOperStatus == 1"
    ),
    ("InterfaceErrors", "rate(ifInErrors[5m]) > 1", "rate(ifInErrors[5m]) < 0.2"),
    ("InterfaceErrorsHour", "increase(ifInErrors[1h]) > 100", nil),
    ("InterfaceInHigh", "rate(ifHCInOctets[5m]) > 100000000", "rate(ifHCInOctets[5m]) < 80000000"),
    ("InterfaceOutHigh", "rate(ifHCOutOctets[5m]) > 100000000", nil),
    ("InterfaceBouncing", "changes(ifOperStatus[30m]) > 4", nil),
    ("InterfaceSlow", "ifHighSpeed < 100 and ifOperStatus == 1", nil),
    ("CPUHigh", "avg_over_time(cpuBusy[10m]) > 90", "avg_over_time(cpuBusy[10m]) < 75"),
    ("CPUSpike", "max_over_time(cpuBusy[5m]) > 99", nil),
    ("TemperatureHigh", "max_over_time(temperature[10m]) > 70", "temperature < 65"),
    ("TemperatureRising", "delta(temperature[10m]) > 10", nil),
    ("UptimeMissing", "absent(sysUpTime)", nil),
    ("Rebooted", "sysUpTime < 600", nil),
    ("FanFailed", "fanState != 1", nil),
    ("PowerFailed", "psuState != 1 unless psuState == 5", nil),
    ("MemoryLow", "min_over_time(memoryFree[10m]) < 1000000", nil),
    ("MemoryAverageLow", "avg_over_time(memoryFree[30m]) < 2000000", nil),
    ("SamplesMissing", "count_over_time(cpuBusy[10m]) < 1", nil),
    ("ProbeSlow", "probe_duration_seconds > 5", nil),
]
let location = SourceLocation(file: "benchmark.yaml", line: 1, column: 1)
let rules = try ruleTexts.map { rule in
    AlertRule(
        name: rule.name, expression: try RuleExpression.parse(rule.expr), expressionText: rule.expr,
        holdDuration: .seconds(120), clearExpression: try rule.clear.map { try RuleExpression.parse($0) },
        marksDeviceDown: rule.name == "DeviceUnreachable", severity: .warning,
        summary: "{{ $labels.device }} {{ $value }}", location: location)
}

let restless = ProcessInfo.processInfo.environment["RULE_EVALUATION_RESTLESS"] == "1"

/// The labels of each device and port, built once: the agent's samples share them poll after poll too.
let deviceLabels: [LabelSet] = (0..<deviceCount).map { index in
    [
        "device": "dev-\(index)", "probe": "snmp", "site": "site-\(index % 40)",
        "role": index % 10 == 0 ? "router" : "switch",
    ]
}
let portLabels: [[LabelSet]] = deviceLabels.map { device in
    (1...portCount).map { port in
        device.merging(["ifIndex": "\(port)", "ifName": "Gi0/\(port)", "ifAlias": port == 1 ? "uplink [page]" : ""])
    }
}

/// One poll of device `index` at minute `cycle`: counters growing, one port in eight never connected, a CPU load
/// that wanders, about 150 samples.
func report(device index: Int, cycle: Int, at instant: Date) -> SampleReport {
    let device = deviceLabels[index]
    let minute = Double(cycle)
    // Restless: 0 to 4 hundredths of a second more, 0 to 6 KB less, 1 or 2 errors a minute (90 an hour, under the
    // rule's 100), a speed of 1,000 or 1,001 Mbit/s.
    let jitter = restless ? Double(cycle % 5) : 0
    var samples: [Sample] = [
        Sample(name: "up", labels: device, value: 1),
        Sample(name: "probe_duration_seconds", labels: device, value: 0.2 + jitter / 100),
        Sample(name: "sysUpTime", labels: device, value: 86_400 + minute * 60),
        Sample(name: "cpuBusy", labels: device, value: Double((index * 7 + cycle * 13) % 100)),
        Sample(name: "temperature", labels: device, value: 40 + Double((index + cycle) % 5)),
        Sample(name: "memoryFree", labels: device, value: 50_000_000 - (restless ? Double(cycle % 7) * 1000 : 0)),
        Sample(name: "fanState", labels: device, value: 1),
        Sample(name: "psuState", labels: device, value: 1),
    ]
    samples.reserveCapacity(8 + portCount * 6)
    let width = CounterWidth(bits: 64)
    for (offset, labels) in portLabels[index].enumerated() {
        let connected = offset % 8 != 7
        samples.append(Sample(name: "ifOperStatus", labels: labels, value: connected ? 1 : 2))
        samples.append(Sample(name: "ifAdminStatus", labels: labels, value: 1))
        samples.append(Sample(name: "ifHighSpeed", labels: labels, value: restless ? 1000 + Double(cycle % 2) : 1000))
        let traffic = connected ? Double(offset + 1) * 1_000_000 * minute * 60 : 0
        samples.append(
            Sample(name: "ifHCInOctets", labels: labels, value: traffic, kind: .counter, counterWidth: width))
        samples.append(
            Sample(name: "ifHCOutOctets", labels: labels, value: traffic / 2, kind: .counter, counterWidth: width))
        let errors = restless ? Double(cycle + cycle / 2) : 0
        samples.append(Sample(name: "ifInErrors", labels: labels, value: errors, kind: .counter, counterWidth: width))
    }
    return SampleReport(device: DeviceID(device["device"] ?? ""), source: "snmp", samples: samples, at: instant)
}

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func residentMegabytes() -> Double {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

var source = RuleAlertSource(rules: rules)
let start = Date(timeIntervalSince1970: 1_796_205_600)
var cycleSeconds: [Double] = []
var samplesPerCycle = 0
var changes = 0
let residentBefore = residentMegabytes()
/// How many devices' polls are made at a time, untimed, before they are evaluated: the agent evaluates a report as
/// soon as its poll ends, while its samples are still in the processor's cache, and so does the benchmark.
let batchSize = 100
for cycle in 0..<cycles {
    let instant = start.addingTimeInterval(Double(cycle) * 60)
    var seconds = 0.0
    samplesPerCycle = 0
    for batch in stride(from: 0, to: deviceCount, by: batchSize) {
        let reports = (batch..<min(batch + batchSize, deviceCount)).map {
            report(device: $0, cycle: cycle, at: instant)
        }
        samplesPerCycle += reports.reduce(0) { $0 + $1.samples.count }
        let before = cpuSeconds()
        for report in reports {
            changes += source.evaluate(report).changes.count
        }
        seconds += cpuSeconds() - before
        // Released once the clock is read: freeing a poll's samples is not evaluating them. Without this, Swift
        // ends the batch's lifetime where the loop ends, and the cycle's time took in freeing 1.5 million samples.
        withExtendedLifetime(reports) {}
    }
    cycleSeconds.append(seconds)
}
let residentAfter = residentMegabytes()
// Give the freed polls back to the system (glibc's malloc_trim, looked up as Swift does not import it): what stays
// is the rule state and the histories.
if let symbol = dlsym(nil, "malloc_trim") {
    typealias MallocTrim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
}
let residentState = residentMegabytes()
// The first cycles build the state and allocate the histories; the histories grow until the longest window is full.
let warmUp = cycles > 63 ? 61 : 2
let steady = cycleSeconds.dropFirst(warmUp).sorted()
if ProcessInfo.processInfo.environment["PRINT_CYCLES"] != nil {
    print(cycleSeconds.map(milliseconds).joined(separator: " "))
}
func milliseconds(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
print("rule-evaluation: \(deviceCount) devices × \(rules.count) rules, \(portCount) ports each, \(cycles) cycles")
print("  samples per cycle:       \(samplesPerCycle) (\(samplesPerCycle / deviceCount) per device)")
print(
    "  CPU per cycle (after \(warmUp)): min \(milliseconds(steady.first ?? 0)), median \(milliseconds(steady[steady.count / 2])), max \(milliseconds(steady.last ?? 0))"
)
print("  CPU first two cycles:    \(cycleSeconds.prefix(2).map(milliseconds).joined(separator: ", "))")
print("  per device and cycle:    \(String(format: "%.1f µs", (steady[steady.count / 2]) / Double(deviceCount) * 1e6))")
print("  alert changes:           \(changes)")
print(
    "  resident memory:         \(String(format: "%.0f MB before the first cycle, %.0f MB after the last", residentBefore, residentAfter))"
)
print(
    "  after malloc_trim:       \(String(format: "%.0f MB (%.1f KB per device of rule state and histories)", residentState, (residentState - residentBefore) * 1024 / Double(deviceCount)))"
)

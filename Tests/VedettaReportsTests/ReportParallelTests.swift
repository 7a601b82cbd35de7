import Foundation
import Testing
import VedettaCore
import VedettaIncidents

@testable import VedettaReports

/// A large report is computed in halves on two threads (the pass over the incidents, the sweep of downtime, the
/// statistics). The halves must add up to exactly what one thread computes, in every grouping, with severities
/// filtered, targets of every kind, manual site-wide incidents and maintenance; and the constant-time interval
/// lookups the sweep uses must agree with measuring by hand.
@Suite("Reports: two threads compute what one does")
struct ReportParallelTests {
    private typealias F = ReportFixture

    /// A deterministic generator (64-bit LCG), so a failure can be replayed.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private static let devices: [ReportRequest.Device] = (0..<120).map { index in
        ReportRequest.Device(
            id: DeviceID(String(format: "dev-%03d", index)),
            labels: ["site": "site-\(index % 5)", "role": ["pbx", "switch", "router", "server"][index % 4]])
    }

    /// About 6,000 incidents over the fixture's week and the week before: alerts on configured devices and on
    /// one only seen in incidents, site-wide manual incidents, maintenance (paged or not), open ones, categories.
    private static let table: IncidentSpanTable = {
        var random = Generator(state: 42)
        let start = Milliseconds.of(F.from) - 8 * 86_400_000
        let length = Milliseconds.of(F.to) - start
        var spans: [IncidentSpan] = []
        for id in 1...6_000 {
            let detected = start + Int64(random.next(Int(length / 1000))) * 1000
            let duration = Int64(60_000 + random.next(6 * 3_600_000))
            let severity = [Severity.info, .warning, .critical, .critical][random.next(4)]
            let manual = random.next(100) == 0
            var labels: LabelSet
            if manual {
                labels = ["site": "site-\(random.next(5))"]
            } else if random.next(200) == 0 {
                labels = ["device": "ghost-1", "site": "site-9"]
            } else {
                let device = devices[random.next(devices.count)]
                labels = device.labels.merging(["device": device.id.rawValue])
            }
            let window: Int64? = random.next(30) == 0 ? Int64(1 + random.next(5)) : nil
            // Some groups only in the last hours, so only the later half counts them.
            let late = detected > Milliseconds.of(F.to) - 12 * 3_600_000 && random.next(3) == 0
            spans.append(
                IncidentSpan(
                    id: Int64(id),
                    rule: late
                        ? "PBXTrunkDown"
                        : ["DeviceUnreachable", "InterfaceDown", "HighCPU", "UPSOnBattery"][random.next(4)],
                    severity: severity, labels: labels, origin: manual ? .manual : .alert,
                    category: late
                        ? "software" : random.next(3) == 0 ? nil : ["power", "carrier", "hardware"][random.next(3)],
                    detectedAt: Milliseconds.date(detected),
                    acknowledgedAt: random.next(4) == 0
                        ? nil : Milliseconds.date(detected + Int64(random.next(900_000))),
                    restoredAt: random.next(50) == 0 ? nil : Milliseconds.date(detected + duration),
                    maintenanceWindowID: window,
                    pagedAfterMaintenanceAt: window != nil && random.next(2) == 0
                        ? Milliseconds.date(detected + duration / 2) : nil))
        }
        spans.sort { $0.detectedAt < $1.detectedAt }
        return IncidentSpanTable(spans)
    }()

    private static let targets = [
        ReportTarget(name: "PBX", match: ["role": "pbx"], goal: .availability(atLeast: 99.9, hours: .business)),
        ReportTarget(name: "all", goal: .availability(atLeast: 99, hours: .always)),
        ReportTarget(
            name: "MTTR", minimumSeverity: .critical, goal: .timeToRestore(atMost: .seconds(1800), statistic: .p90)),
        ReportTarget(name: "MTTA", goal: .timeToAcknowledge(atMost: .seconds(300), statistic: .mean)),
        ReportTarget(
            name: "MTTA milano", match: ["site": "site-1"],
            goal: .timeToAcknowledge(atMost: .seconds(300), statistic: .median)),
        ReportTarget(name: "MTTR all", goal: .timeToRestore(atMost: .seconds(3600), statistic: .median)),
    ]

    @Test(
        "every grouping, with and without a severity filter, gives the same report in halves",
        arguments: ReportGrouping.allCases, [nil, Set([Severity.critical, .warning])])
    func halvesAddUp(grouping: ReportGrouping, severities: Set<Severity>?) {
        let request = ReportRequest(
            from: F.from, to: F.to, grouping: grouping, severities: severities, devices: Self.devices)
        var oneThread = ReportBuilder(settings: F.settings(targets: Self.targets))
        oneThread.parallelThreshold = .max
        var twoThreads = oneThread
        twoThreads.parallelThreshold = 1
        let expected = oneThread.build(request, spans: Self.table)
        let split = twoThreads.build(request, spans: Self.table)
        #expect(split == expected)
        #expect(expected.total.incidents > 1000)
        if grouping == .rule { #expect(expected.groups.contains { $0.key == "PBXTrunkDown" }) }
        #expect(expected.targets.allSatisfy { $0.value != nil })
    }

    @Test("interval lookups agree with measuring each interval by hand")
    func intervalIndex() {
        var random = Generator(state: 7)
        for _ in 0..<50 {
            var intervals: [Range<Int64>] = []
            var cursor = Int64(random.next(10_000_000))
            for _ in 0..<random.next(40) {
                cursor += Int64(random.next(20_000_000))
                let end = cursor + 1 + Int64(random.next(20_000_000))
                intervals.append(cursor..<end)
                cursor = end
            }
            let index = IntervalIndex(intervals)
            for _ in 0..<200 {
                let lower = Int64(random.next(Int(cursor + 30_000_000))) - 5_000_000
                let range = lower..<(lower + Int64(random.next(60_000_000)))
                let byHand = intervals.reduce(Int64(0)) { total, interval in
                    total
                        + max(
                            0, min(interval.upperBound, range.upperBound) - max(interval.lowerBound, range.lowerBound))
                }
                #expect(index.overlap(range) == byHand)
                let first = intervals.firstIndex { $0.upperBound > range.lowerBound } ?? intervals.count
                #expect(index.firstIndex(endingAfter: range.lowerBound) == first)
            }
        }
    }
}

import Foundation
import Testing
import VedettaAlerting
import VedettaCore

@Suite("ReportQueue")
struct ReportQueueTests {
    private static func report(_ device: String, _ value: Double, source: String = "snmp") -> SampleReport {
        SampleReport(
            device: DeviceID(device), source: source,
            samples: [Sample(name: "up", labels: ["device": device], value: value)], at: Date())
    }

    @Test("reports come out in order; a newer report of the same device and source replaces the waiting one")
    func coalescesPerDeviceAndSource() async {
        let queue = ReportQueue()
        #expect(queue.submit(Self.report("a", 1)) == false)
        #expect(queue.submit(Self.report("b", 1)) == false)
        #expect(queue.submit(Self.report("a", 2)) == true)  // replaces a's first, keeps a's place
        #expect(queue.submit(Self.report("a", 3, source: "http")) == false)
        #expect(queue.count == 3)
        var seen: [(String, String, Double)] = []
        for _ in 0..<3 {
            guard let report = await queue.next() else { break }
            seen.append((report.device.rawValue, report.source, report.samples[0].value))
        }
        #expect(seen.map(\.0) == ["a", "b", "a"])
        #expect(seen.map(\.2) == [2, 1, 3])
        #expect(queue.count == 0)
    }

    @Test("a counter restart in a replaced report is carried over to the report that replaces it")
    func restartSurvivesReplacement() async {
        let queue = ReportQueue()
        var restarted = Self.report("a", 1)
        restarted.countersRestarted = true
        queue.submit(restarted)
        queue.submit(Self.report("a", 2))
        let report = await queue.next()
        #expect(report?.samples[0].value == 2)
        #expect(report?.countersRestarted == true)
        queue.submit(Self.report("a", 3))
        #expect(await queue.next()?.countersRestarted == false)
    }

    @Test("at most one report per device waits, however many arrive: the queue is bounded by the configuration")
    func boundedByDevices() {
        let queue = ReportQueue()
        for round in 0..<1_000 {
            for device in 0..<50 { queue.submit(Self.report("d\(device)", Double(round))) }
        }
        #expect(queue.count == 50)
    }

    @Test("a waiting consumer gets the next report; finish and cancellation end it with nil")
    func waitsAndFinishes() async {
        let queue = ReportQueue()
        async let received = queue.next()
        try? await Task.sleep(for: .milliseconds(50))
        queue.submit(Self.report("late", 1))
        #expect(await received?.device == "late")

        let cancelled = Task { await queue.next() }
        try? await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        #expect(await cancelled.value == nil)
        #expect(await queue.next() == nil)  // finished by the cancellation
        queue.submit(Self.report("ignored", 1))
        #expect(queue.count == 0)
    }
}

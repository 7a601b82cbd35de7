import Logging
import Synchronization
import Testing
import VedettaCore

@testable import VedettaProbes

/// A probe that answers after `delay`, or never (until cancelled) when `delay` is nil; counts the runs it began.
private struct DelayedProbe: Probe {
    var kind: ProbeKind { .snmp }
    let delay: Duration?
    var started: RunCounter? = nil

    func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        started?.increment()
        guard let delay else {
            try? await Task.sleep(for: .seconds(3600))
            return ProbeResult(outcome: .failure(ProbeFailure(.other, "cancelled")))
        }
        try? await Task.sleep(for: delay)
        return ProbeResult(outcome: .success, samples: [Sample(name: "value", labels: target.labels, value: 42)])
    }
}

/// Counts probe runs that began.
private final class RunCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Collects reports as they arrive.
private final class ReportLog: Sendable {
    private let reports = Mutex<[ProbeReport]>([])
    func append(_ report: ProbeReport) { reports.withLock { $0.append(report) } }
    var all: [ProbeReport] { reports.withLock { $0 } }
    func count(for device: String) -> Int { all.filter { $0.target.device.rawValue == device }.count }
}

@Suite("PollScheduler")
struct PollSchedulerTests {
    private let logger = Logger(label: "test")

    @Test("a probe past its deadline is cancelled and reported as a timeout, with up = 0")
    func deadlineEnforced() async {
        let scheduled = ScheduledProbe(
            target: Target(device: "dead", address: "127.0.0.1:1"),
            probe: DelayedProbe(delay: nil),
            interval: .seconds(60),
            timeout: .milliseconds(100)
        )
        let report = await PollScheduler.run(scheduled, logger: logger)
        guard case .failure(let failure) = report.result.outcome else {
            Issue.record("expected a failure, got \(report.result.outcome)")
            return
        }
        #expect(failure.code == .timeout)
        let up = report.result.samples.first { $0.name == "up" }
        #expect(up?.value == 0)
        #expect(up?.labels == ["device": "dead", "probe": "snmp"])
        #expect(report.result.samples.contains { $0.name == "probe_duration_seconds" })
    }

    @Test("every sample gets the probe label; a success reports up = 1")
    func successLabels() async {
        let scheduled = ScheduledProbe(
            target: Target(device: "ok", address: "127.0.0.1:1", labels: ["site": "hq"]),
            probe: DelayedProbe(delay: .zero),
            interval: .seconds(60),
            timeout: .seconds(5)
        )
        let report = await PollScheduler.run(scheduled, logger: logger)
        #expect(report.result.succeeded)
        let value = report.result.samples.first { $0.name == "value" }
        #expect(value?.labels == ["device": "ok", "site": "hq", "probe": "snmp"])
        #expect(report.result.samples.first { $0.name == "up" }?.value == 1)
    }

    @Test("a device that never answers does not stall the others, even with one probe slot")
    func deadDeviceDoesNotStallOthers() async throws {
        let log = ReportLog()
        let dead = ScheduledProbe(
            target: Target(device: "dead", address: "x"),
            probe: DelayedProbe(delay: nil),
            interval: .milliseconds(400),
            timeout: .milliseconds(200)
        )
        let alive = ScheduledProbe(
            target: Target(device: "alive", address: "y"),
            probe: DelayedProbe(delay: .milliseconds(1)),
            interval: .milliseconds(100),
            timeout: .seconds(10)  // generous: a loaded CI machine must not turn the live device into a timeout
        )
        let scheduler = PollScheduler(probes: [dead, alive], maxConcurrentProbes: 1, logger: logger) { report in
            log.append(report)
        }
        let task = Task { try await scheduler.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while log.count(for: "alive") < 5 || log.count(for: "dead") < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = try? await task.value
        #expect(log.count(for: "alive") >= 5)
        #expect(log.count(for: "dead") >= 2)
        #expect(log.all.filter { $0.target.device == "dead" }.allSatisfy { !$0.result.succeeded })
        #expect(log.all.filter { $0.target.device == "alive" }.allSatisfy { $0.result.succeeded })
    }

    @Test("runs cut short by shutdown are not reported, so a restart never looks like an outage")
    func shutdownIsNotAnOutage() async throws {
        let log = ReportLog()
        let started = RunCounter()
        let slow = ScheduledProbe(
            target: Target(device: "slow", address: "x"),
            probe: DelayedProbe(delay: nil, started: started),
            interval: .milliseconds(300),
            timeout: .seconds(30)
        )
        let scheduler = PollScheduler(probes: [slow], maxConcurrentProbes: 4, logger: logger) { report in
            log.append(report)
        }
        let task = Task { try await scheduler.run() }
        // Wait for the event the test is about: a run that is in flight when shutdown comes.
        let deadline = ContinuousClock.now + .seconds(30)
        while started.value == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(started.value > 0, "no run started, so the test would prove nothing")
        task.cancel()
        _ = try? await task.value
        #expect(log.all.isEmpty)
    }

    @Test("phase offsets are stable and fall inside the interval")
    func phaseOffsets() {
        let probe = DelayedProbe(delay: .zero)
        let offsets = (0..<100).map { index in
            ScheduledProbe(
                target: Target(device: DeviceID("device-\(index)"), address: "a"),
                probe: probe,
                interval: .seconds(60),
                timeout: .seconds(5)
            ).phaseOffset
        }
        #expect(offsets.allSatisfy { $0 >= .zero && $0 < .seconds(60) })
        #expect(Set(offsets.map { Int($0.seconds) }).count > 30, "offsets spread over the interval")
        let again = ScheduledProbe(
            target: Target(device: "device-0", address: "a"), probe: probe,
            interval: .seconds(60), timeout: .seconds(5)
        ).phaseOffset
        #expect(again == offsets[0])
    }

    @Test("next due time skips intervals already past instead of bursting")
    func noCatchUpBurst() {
        let longAgo = ContinuousClock.now - .seconds(10)
        let next = PollScheduler.nextDue(after: longAgo, interval: .seconds(1))
        #expect(next >= ContinuousClock.now - .milliseconds(10))
        #expect(next <= ContinuousClock.now + .seconds(1))
    }

    @Test("first runs fall within the start-up spread; the second settles on the steady phase, half an interval on")
    func startupOffsets() {
        let probe = DelayedProbe(delay: .zero)
        let start = ContinuousClock.now
        for index in 0..<200 {
            for interval in [Duration.seconds(60), .seconds(3600), .seconds(2)] {
                let scheduled = ScheduledProbe(
                    target: Target(device: DeviceID("device-\(index)"), address: "a"), probe: probe,
                    interval: interval, timeout: .seconds(1))
                let first = scheduled.startupOffset
                #expect(first >= .zero && first < min(interval, ScheduledProbe.startupSpread))
                let second = scheduled.secondDue(start: start)
                #expect(second - (start + first) >= interval / 2)
                #expect(second - (start + first) < interval + interval / 2)
                // On the steady grid: start + phaseOffset + k·interval.
                let sinceGrid = second - (start + scheduled.phaseOffset)
                #expect(sinceGrid >= .zero)
                #expect(sinceGrid / interval == (sinceGrid / interval).rounded())
            }
        }
    }

    @Test("a probe with an hour's interval runs within seconds of start, not up to an hour later")
    func firstRunSoonAfterStart() async throws {
        let log = ReportLog()
        let probes = (0..<20).map { index in
            ScheduledProbe(
                target: Target(device: DeviceID("hourly-\(index)"), address: "a"),
                probe: DelayedProbe(delay: .zero), interval: .seconds(3600), timeout: .seconds(5))
        }
        let scheduler = PollScheduler(probes: probes, maxConcurrentProbes: 4, logger: logger) { log.append($0) }
        let started = ContinuousClock.now
        let task = Task { try await scheduler.run() }
        // Bounded wait for the event, not a timing assertion: the spread is 5 s, the wait up to 60 s.
        while log.all.count < probes.count, ContinuousClock.now < started + .seconds(60) {
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        _ = try? await task.value
        #expect(Set(log.all.map(\.target.device.rawValue)).count == probes.count)
        #expect(log.all.count == probes.count, "each ran once; the next run is an hour away")
    }
}

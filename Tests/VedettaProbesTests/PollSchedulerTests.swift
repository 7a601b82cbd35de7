import Logging
import Synchronization
import Testing
import VedettaCore
import VedettaTestSupport

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

/// A probe that fails half-way: it reports a timeout with the samples it got.
private struct HalfwayProbe: Probe {
    var kind: ProbeKind { .snmp }
    let samples: Int

    func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        ProbeResult(
            outcome: .failure(ProbeFailure(.timeout, "no answer to the second table")),
            samples: (0..<samples).map { _ in Sample(name: "astNumChannels", labels: target.labels, value: 6) })
    }
}

@Suite("PollScheduler")
struct PollSchedulerTests {
    private let logger = Logger(label: "test")

    @Test("constants come with what a run brought: a half-way failure keeps them, a failure with nothing has none")
    func constantsFollowDeviceData() async {
        for (samples, expected) in [(1, [6.0]), (0, [])] {
            let scheduled = ScheduledProbe(
                target: Target(
                    device: "pbx", address: "127.0.0.1:1",
                    constants: [DeviceConstant(name: "pbx_channel_licence", value: 6)]),
                probe: HalfwayProbe(samples: samples), interval: .seconds(60), timeout: .seconds(5))
            let report = await ProbeRunner.run(scheduled, logger: logger)
            #expect(!report.result.succeeded)
            #expect(report.result.samples.filter { $0.name == "pbx_channel_licence" }.map(\.value) == expected)
        }
    }

    @Test("a probe past its deadline is cancelled and reported as a timeout, with up = 0")
    func deadlineEnforced() async {
        let scheduled = ScheduledProbe(
            target: Target(device: "dead", address: "127.0.0.1:1"),
            probe: DelayedProbe(delay: nil),
            interval: .seconds(60),
            timeout: .milliseconds(100)
        )
        let report = await ProbeRunner.run(scheduled, logger: logger)
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
        let report = await ProbeRunner.run(scheduled, logger: logger)
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

    @Test("offsets fall on a grid of a quarter of the interval, at most a second, so runs start in small batches")
    func phaseGrid() {
        let probe = DelayedProbe(delay: .zero)
        let cases: [(interval: Duration, step: Duration)] = [
            (.seconds(60), .seconds(1)), (.seconds(1), .milliseconds(250)), (.seconds(2), .milliseconds(500)),
            (.seconds(5), .seconds(1)), (.seconds(3600), .seconds(1)), (.milliseconds(5), .microseconds(1250)),
            (.milliseconds(3), .milliseconds(1)),
        ]
        for (interval, step) in cases {
            var slots = Set<Int64>()
            for index in 0..<200 {
                let scheduled = ScheduledProbe(
                    target: Target(device: DeviceID("device-\(index)"), address: "a"), probe: probe,
                    interval: interval, timeout: .milliseconds(1))
                #expect(scheduled.phaseStep == step, "interval \(interval)")
                let offset = scheduled.phaseOffset
                #expect(offset >= .zero && offset < interval)
                let slot = offset / step
                #expect(abs(slot - slot.rounded()) < 1e-6, "\(offset) is on the \(step) grid")
                slots.insert(Int64(slot))
                // Start-up runs are on a grid of at most 100 ms, so a large agent's first runs are not a few bursts.
                #expect(scheduled.startupStep == min(step, .milliseconds(100)))
                let first = scheduled.startupOffset / scheduled.startupStep
                #expect(abs(first - first.rounded()) < 1e-6)
            }
            let available = min(200, Int64(interval / step))
            #expect(Double(slots.count) > Double(available) * 0.5, "200 devices use most of the \(available) slots")
        }
    }

    @Test("many probes on one interval get a finer grid: about 16 runs per slot, never a burst of thousands")
    func batchedGrid() {
        let probe = DelayedProbe(delay: .zero)
        let many = (0..<10_000).map { index in
            ScheduledProbe(
                target: Target(device: DeviceID("device-\(index)"), address: "a"), probe: probe,
                interval: .seconds(60), timeout: .seconds(5))
        }
        let few = [
            ScheduledProbe(
                target: Target(device: "lone", address: "a"), probe: probe,
                interval: .seconds(300), timeout: .seconds(5))
        ]
        let batched = ScheduledProbe.batched(many + few, runsPerSlot: 16)
        #expect(batched[0].phaseStep == .milliseconds(96), "60 s × 16 / 10,000")
        #expect(batched[0].startupStep == .milliseconds(8), "5 s × 16 / 10,000")
        #expect(batched[10_000].phaseStep == .seconds(1), "a lone probe keeps the coarsest grid")
        var perSlot: [Duration: Int] = [:]
        for scheduled in batched.prefix(10_000) { perSlot[scheduled.phaseOffset, default: 0] += 1 }
        #expect(perSlot.values.max() ?? 0 <= 40, "the fullest slot: \(perSlot.values.max() ?? 0) runs")
        #expect(perSlot.count > 500, "\(perSlot.count) slots used of 625")
    }

    @Test("runs that start late because every slot is busy are warned about once a minute, naming the setting")
    func lateRunsWarned() async throws {
        // On the manual clock: two probes every 10 s (a run is late past 1 s), one slot. The first run holds the
        // slot while 3 s pass, so the second starts 3 s late, all of it spent waiting for the slot. The machine's
        // speed changes nothing.
        let (clock, gate, capture) = (ManualClock(), Gate(), LogCapture())
        let probes = (0..<2).map { index in
            ScheduledProbe(
                target: Target(device: DeviceID("device-\(index)"), address: "a"), probe: GatedProbe(gate: gate),
                interval: .seconds(10), timeout: .seconds(600))
        }
        let scheduler = PollScheduler(
            probes: probes, maxConcurrentProbes: 1, clock: clock, logger: capture.logger(label: "test")
        ) { _ in }
        let task = Task { try await scheduler.run() }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(20)
        while clock.sleeperCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        // Time passes in steps, as it does: the first run starts on time and takes the slot; the second falls due.
        for _ in 0..<50 {
            clock.advance(by: .milliseconds(100))
            try await Task.sleep(for: .milliseconds(2))
        }
        while gate.waiting == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        try #require(gate.waiting == 1, "the first run holds the only slot")
        clock.advance(by: .seconds(3))
        gate.open()
        var warnings: [LogCapture.Record] { capture.records.filter { $0.level == .warning } }
        while warnings.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        task.cancel()
        _ = try? await task.value
        try #require(warnings.count == 1, "\(warnings.map(\.message))")
        #expect(warnings[0].message.contains("late"))
        #expect(warnings[0].metadata["cause"]?.contains("max_concurrent_probes slots (1)") == true)
        #expect(warnings[0].metadata["waited_for_slot"] == "1")
        #expect(warnings[0].metadata["worst_delay"]?.hasPrefix("3") == true, "\(warnings[0].metadata)")
    }

    @Test("a run that fell due while an earlier one waited for a slot is late because of the slots, not the CPU")
    func lateBehindASlotWait() {
        let origin = ContinuousClock.now
        func at(_ milliseconds: Int64) -> ContinuousClock.Instant { origin.advanced(by: .milliseconds(milliseconds)) }
        func cause(_ record: (inout LateRunWatch<ContinuousClock.Instant>, Logger) -> Void) -> String? {
            var watch = LateRunWatch<ContinuousClock.Instant>(maxConcurrentProbes: 1)
            let capture = LogCapture()
            record(&watch, capture.logger(label: "test"))
            return capture.records.first { $0.level == .warning }?.metadata["cause"]
        }
        // A waits 0.9 s for a slot (not late). B fell due meanwhile, at 50 ms; the scheduler reaches it after A,
        // and B waits 0.3 s more: 1.15 s late, all of it behind slot waits.
        let behindSlots = cause { watch, logger in
            watch.recordStart(
                kind: "snmp", due: at(0), slept: true, slotSearch: at(0), startedAt: at(900),
                interval: .seconds(10), logger: logger)
            watch.recordStart(
                kind: "snmp", due: at(50), slept: false, slotSearch: at(900), startedAt: at(1200),
                interval: .seconds(10), logger: logger)
        }
        #expect(behindSlots?.contains("max_concurrent_probes") == true, "\(behindSlots ?? "no warning")")
        // The scheduler itself woke 1.5 s late, with slots free: the CPU.
        let noCPU = cause { watch, logger in
            watch.recordStart(
                kind: "snmp", due: at(0), slept: true, slotSearch: at(1500), startedAt: at(1500),
                interval: .seconds(10), logger: logger)
        }
        #expect(noCPU?.contains("no CPU to spare") == true, "\(noCPU ?? "no warning")")
    }

    @Test("next due time skips intervals already past instead of bursting")
    func noCatchUpBurst() {
        let next = PollScheduler<ContinuousClock>.nextDue(after: .zero, interval: .seconds(1), elapsed: .seconds(10))
        #expect(next == .seconds(10))
        let onTime = PollScheduler<ContinuousClock>.nextDue(
            after: .seconds(3), interval: .seconds(2), elapsed: .seconds(4))
        #expect(onTime == .seconds(5))
    }

    @Test("first runs fall within the start-up spread; the second settles on the steady phase, half an interval on")
    func startupOffsets() {
        let probe = DelayedProbe(delay: .zero)
        for index in 0..<200 {
            for interval in [Duration.seconds(60), .seconds(3600), .seconds(2)] {
                let scheduled = ScheduledProbe(
                    target: Target(device: DeviceID("device-\(index)"), address: "a"), probe: probe,
                    interval: interval, timeout: .seconds(1))
                let first = scheduled.startupOffset
                #expect(first >= .zero && first < min(interval, ScheduledProbe.startupSpread))
                let second = scheduled.secondDueOffset(firstRunAt: first)
                #expect(second - first >= interval / 2)
                #expect(second - first < interval + interval / 2)
                // On the steady grid: phaseOffset + k·interval.
                let sinceGrid = second - scheduled.phaseOffset
                #expect(sinceGrid >= .zero)
                #expect(sinceGrid / interval == (sinceGrid / interval).rounded())
            }
        }
    }

    @Test("on a manual clock every probe runs exactly on its due times, and none of them is called late")
    func runsOnDueTimes() async throws {
        // The manual clock, not the machine's speed, decides how late a run starts: on a loaded machine a real
        // clock may well see a run start a second late, and the warning would then be right.
        let capture = LogCapture()
        let run = try await ManualRun(checks: 6, interval: .seconds(10), slots: 2, logger: capture.logger(label: "t"))
        defer { run.task.cancel() }
        let (clock, log, probes) = (run.clock, run.log, run.probes)
        for second in 0...45 {
            if second > 0 { clock.advance(by: .seconds(1)) }
            let now = Duration.seconds(second)
            let expected = probes.map { Self.dueTimes(of: $0, until: now).count }
            try await Self.settle(clock: clock, log: log, expected: expected.reduce(0, +))
            for (probe, count) in zip(probes, expected) {
                #expect(
                    log.count(for: probe.target.device.rawValue) == count,
                    "\(probe.target.device) at \(second) s")
            }
        }
        #expect(capture.records.filter { $0.level == .warning }.isEmpty)
    }

    @Test("after a long stall (suspended machine, clock jump) each probe runs once, not once per missed interval")
    func noBurstAfterStall() async throws {
        let run = try await ManualRun(checks: 4, interval: .seconds(10), slots: 4, logger: logger)
        defer { run.task.cancel() }
        let (clock, log, probes) = (run.clock, run.log, run.probes)
        clock.advance(by: ScheduledProbe.startupSpread)  // every start-up run is due
        try await Self.settle(clock: clock, log: log, expected: probes.count)
        clock.advance(by: .seconds(1000))  // a hundred intervals missed
        try await Self.settle(clock: clock, log: log, expected: 2 * probes.count)
        #expect(log.all.count == 2 * probes.count)
    }

    @Test("a probe with an hour's interval runs within seconds of start, not up to an hour later")
    func firstRunSoonAfterStart() async throws {
        let run = try await ManualRun(checks: 20, interval: .seconds(3600), slots: 4, logger: logger)
        defer { run.task.cancel() }
        let (clock, log, probes) = (run.clock, run.log, run.probes)
        clock.advance(by: ScheduledProbe.startupSpread)
        try await Self.settle(clock: clock, log: log, expected: probes.count)
        #expect(Set(log.all.map(\.target.device.rawValue)).count == probes.count)
        #expect(log.all.count == probes.count, "each ran once; the next run is half an hour or more away")
    }

    @Test(
        "a reload's probe set: kept probes keep their due times, a new one runs within the start-up spread, removed ones run no more"
    )
    func replacedProbes() async throws {
        let run = try await ManualRun(checks: 4, interval: .seconds(10), slots: 4, logger: logger)
        defer { run.task.cancel() }
        let (clock, log, probes) = (run.clock, run.log, run.probes)
        clock.advance(by: ScheduledProbe.startupSpread)
        try await Self.settle(clock: clock, log: log, expected: probes.count)
        let added = ScheduledProbe(
            target: Target(device: DeviceID("device-new"), address: "a"), probe: DelayedProbe(delay: .zero),
            interval: .seconds(10), timeout: .seconds(5))
        run.scheduler.replaceProbes([probes[0], probes[1], added])
        var firstRunOfAdded: Int?
        for second in 6...45 {
            try await Self.idle(clock)
            clock.advance(by: .seconds(1))
            try await Self.idle(clock)
            if firstRunOfAdded == nil, log.count(for: "device-new") > 0 { firstRunOfAdded = second }
        }
        for probe in probes[0...1] {
            #expect(
                log.count(for: probe.target.device.rawValue) == Self.dueTimes(of: probe, until: .seconds(45)).count,
                "\(probe.target.device) kept its schedule")
        }
        #expect(log.count(for: "device-2") == 1 && log.count(for: "device-3") == 1, "removed probes ran again")
        let first = try #require(firstRunOfAdded, "the added probe never ran")
        // The loop takes the new set when it next wakes: at once, or at the clock's next tick (6 s) at the latest.
        #expect(first <= 6 + 5, "the added probe ran \(first) s after start, reloaded at 5 s")
        #expect((4...5).contains(log.count(for: "device-new")), "then once per interval")
    }

    /// Waits (bounded, in real time) until the scheduler is asleep on the clock, then a little longer.
    private static func idle(_ clock: ManualClock) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while clock.sleeperCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        try await Task.sleep(for: .milliseconds(10))
    }

    /// The offsets at which `probe` is due up to `now`: its start-up run, its second run, then every interval.
    private static func dueTimes(of probe: ScheduledProbe, until now: Duration) -> [Duration] {
        var times = [probe.startupOffset]
        var next = probe.secondDueOffset(firstRunAt: probe.startupOffset)
        while next <= now {
            times.append(next)
            next += probe.interval
        }
        return times.filter { $0 <= now }
    }

    /// Waits (bounded, in real time) until `expected` reports have arrived and the scheduler is asleep on the
    /// clock again, then a little longer to catch any extra report.
    private static func settle(clock: ManualClock, log: ReportLog, expected: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while log.all.count < expected || clock.sleeperCount == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        try await Task.sleep(for: .milliseconds(20))
        try #require(log.all.count == expected, "\(log.all.count) reports, expected \(expected)")
    }
}

/// A gate probes wait at until the test opens it; counts the runs waiting.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// The runs waiting at the gate.
    var waiting: Int { state.withLock { $0.waiters.count } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A probe whose runs end when its gate opens.
private struct GatedProbe: Probe {
    var kind: ProbeKind { .snmp }
    let gate: Gate

    func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        await gate.wait()
        return ProbeResult(outcome: .success)
    }
}

/// A scheduler over `checks` instant checks (`device-0`, `device-1`, …) on a manual clock, started and asleep on
/// the clock, reporting into ``log``.
private struct ManualRun {
    let clock = ManualClock()
    let log = ReportLog()
    let probes: [ScheduledProbe]
    let scheduler: PollScheduler<ManualClock>
    let task: Task<Void, any Error>

    init(checks: Int, interval: Duration, slots: Int, logger: Logger) async throws {
        let probes = (0..<checks).map { index in
            ScheduledProbe(
                target: Target(device: DeviceID("device-\(index)"), address: "a"),
                probe: DelayedProbe(delay: .zero), interval: interval, timeout: .seconds(5))
        }
        let (clock, log) = (self.clock, self.log)
        let scheduler = PollScheduler(
            probes: probes, maxConcurrentProbes: slots, clock: clock, logger: logger
        ) { log.append($0) }
        self.probes = probes
        self.scheduler = scheduler
        self.task = Task { try await scheduler.run() }
        // Bounded wait until the scheduler sleeps on the clock: advancing it before would move its start.
        let deadline = ContinuousClock.now + .seconds(10)
        while clock.sleeperCount == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        try #require(clock.sleeperCount > 0, "the scheduler never slept on the clock")
    }
}

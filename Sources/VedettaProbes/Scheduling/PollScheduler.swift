public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization
import VedettaCore

/// Runs every scheduled probe on its interval with bounded concurrency and hands each report to a consumer.
///
/// - Every probe runs once soon after start, spread over a few seconds (``ScheduledProbe/startupOffset``); later
///   runs are spread over the interval by a stable per-target offset (``ScheduledProbe/phaseOffset``) on a grid
///   fine enough that about 16 runs share a slot (``ScheduledProbe/batched(_:runsPerSlot:)``): the runs of a slot
///   start together and share the wake-ups of the scheduler and of the engines.
/// - At most `maxConcurrentProbes` run at once; a due probe waits for a free slot.
/// - Every run has a deadline (its timeout). Probes that bound each request by the time left
///   (``Probe/finishesByDeadline``, as the SNMP and HTTP probes do) are called directly; any other probe runs
///   under a watchdog that cancels it past the deadline and reports a `.timeout` failure. Either way one dead
///   device never holds up the others.
/// - A run that is still going when its next one is due is not doubled: that next run is skipped.
/// - A run that starts late (all slots busy, or no CPU to spare) is counted and warned about (``LateRunWatch``).
/// - Every sample gets a `probe` label with the probe kind (like Prometheus' `job`), and every report carries
///   `up` (1 or 0) and `probe_duration_seconds` samples.
///
/// Runs are scheduled on `clock` (injected: tests move a manual clock); each run's deadline is on the continuous
/// clock, as the probes' are.
public struct PollScheduler<SchedulingClock: Clock>: Service where SchedulingClock.Duration == Duration {
    /// Receives each report; called concurrently from probe tasks.
    public typealias Consumer = @Sendable (ProbeReport) async -> Void

    private let probes: [ScheduledProbe]
    private let maxConcurrentProbes: Int
    private let clock: SchedulingClock
    private let logger: Logger
    private let consumer: Consumer
    private let updates = ProbeUpdates()

    /// Creates a scheduler.
    /// - Parameters:
    ///   - probes: What to run.
    ///   - maxConcurrentProbes: The most runs in flight at once.
    ///   - clock: The clock runs are scheduled on.
    ///   - logger: The agent's logger; each run gets a child logger with `probe.target` and `probe.kind`.
    ///   - consumer: Receives every report.
    public init(
        probes: [ScheduledProbe],
        maxConcurrentProbes: Int,
        clock: SchedulingClock,
        logger: Logger,
        consumer: @escaping Consumer
    ) {
        self.probes = ScheduledProbe.batched(probes, runsPerSlot: ScheduledProbe.runsPerSlot)
        self.maxConcurrentProbes = maxConcurrentProbes
        self.clock = clock
        self.logger = logger
        self.consumer = consumer
    }

    /// Replaces what the scheduler runs, while it runs (a configuration reload).
    ///
    /// A probe with the key of one already scheduled (``ScheduledProbe/key``: device, kind, check) keeps its due
    /// time, and its run in flight, if any, finishes and is reported. A new probe runs within
    /// ``ScheduledProbe/startupSpread``, as at start, then on its steady phase. A removed probe is not run again,
    /// and its run in flight, if any, is not reported.
    /// - Parameters:
    ///   - probes: Every probe to run from now on.
    ///   - maxConcurrentProbes: The most runs in flight at once from now on, or `nil` to keep the limit. A lower
    ///     limit takes effect as runs in flight end.
    public func replaceProbes(_ probes: [ScheduledProbe], maxConcurrentProbes: Int? = nil) {
        updates.post(
            ProbeUpdates.Update(
                probes: ScheduledProbe.batched(probes, runsPerSlot: ScheduledProbe.runsPerSlot),
                maxConcurrentProbes: maxConcurrentProbes))
    }

    /// Runs until cancelled or until graceful shutdown is requested.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runLoop()
        }
    }

    private func runLoop() async {
        let limiter = ConcurrencyLimiter(limit: maxConcurrentProbes)
        let inFlight = InFlightSet()
        // Due times are offsets from the start on the scheduling clock.
        let start = clock.now
        var table = ProbeTable()
        var queue = DueQueue()
        var lateRuns = LateRunWatch<SchedulingClock.Instant>(maxConcurrentProbes: maxConcurrentProbes)
        apply(probes, to: &table, queue: &queue, elapsed: .zero)
        var slept = false
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                if let update = updates.take() {
                    apply(update.probes, to: &table, queue: &queue, elapsed: start.duration(to: clock.now))
                    if let limit = update.maxConcurrentProbes, limit != lateRuns.maxConcurrentProbes {
                        limiter.setLimit(limit)
                        lateRuns.maxConcurrentProbes = limit
                    }
                    continue
                }
                guard let (index, due) = queue.first else {
                    await updates.wait()  // nothing to poll: idle until a reload or shutdown
                    continue
                }
                let dueInstant = start.advanced(by: due)
                if dueInstant > clock.now {
                    // Runs in the same slot of the phase grid start together: only the first of them sleeps.
                    await sleep(until: dueInstant)
                    slept = true
                    continue  // a reload may have come during the sleep
                }
                _ = queue.popFirst()
                defer { slept = false }
                guard let entry = table.entries[index] else { continue }  // removed by a reload
                let beforeSlot = clock.now
                do {
                    try await limiter.acquire()
                } catch {
                    return  // cancelled: shutdown
                }
                let scheduled = entry.scheduled
                let startedAt = clock.now
                lateRuns.recordStart(
                    kind: scheduled.probe.kind.rawValue, due: dueInstant, slept: slept, slotSearch: beforeSlot,
                    startedAt: startedAt, interval: scheduled.interval, logger: logger)
                let elapsed = start.duration(to: startedAt)
                let next =
                    table.markRun(index)
                    ? Self.nextDue(after: due, interval: scheduled.interval, elapsed: elapsed)
                    : scheduled.secondDueOffset(firstRunAt: elapsed)
                queue.insert(index: index, due: next)
                guard inFlight.begin(index) else {
                    limiter.release()
                    Counter(label: "vedetta_probe_skipped_total", dimensions: [("kind", scheduled.probe.kind.rawValue)])
                        .increment()
                    logger.debug(
                        "probe still running, skipping this run", metadata: ["probe.target": "\(scheduled.target)"])
                    continue
                }
                let runLogger = entry.runLogger
                group.addTask {
                    defer {
                        inFlight.end(index)
                        limiter.release()
                    }
                    let report = await ProbeRunner.run(scheduled, runLogger: runLogger)
                    // A run cut short by shutdown says nothing about the device: never report it as down. Nor does a
                    // run of a probe that a reload removed meanwhile.
                    guard !Task.isCancelled, updates.isLive(index) else { return }
                    await consumer(report)
                }
            }
        }
    }

    /// Makes `probes` the probes of `table`: new ones are due within the start-up spread from `elapsed`, the others
    /// keep their due times.
    private func apply(
        _ probes: [ScheduledProbe], to table: inout ProbeTable, queue: inout DueQueue, elapsed: Duration
    ) {
        let hadProbes = !table.entries.isEmpty
        let replacement = table.replace(with: probes, logger: logger)
        for index in replacement.added {
            guard let scheduled = table.entries[index]?.scheduled else { continue }
            queue.insert(index: index, due: elapsed + scheduled.startupOffset)
        }
        updates.setLive(table.entries.keys)
        if hadProbes || replacement.removed > 0 {
            logger.info(
                "probes replaced",
                metadata: [
                    "probes.added": "\(replacement.added.count)", "probes.kept": "\(replacement.kept)",
                    "probes.removed": "\(replacement.removed)",
                ])
        }
    }

    /// Sleeps until `instant`, or until a new probe set is posted, or until cancelled.
    private func sleep(until instant: SchedulingClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: instant, tolerance: nil) }
            group.addTask { await updates.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    /// The next due offset after `due`, skipping intervals that are already past at `elapsed` (no catch-up
    /// bursts).
    static func nextDue(after due: Duration, interval: Duration, elapsed: Duration) -> Duration {
        skippingPast(due + interval, interval: interval, elapsed: elapsed)
    }

    /// `due`, or the first offset `due + k·interval` that is not before `elapsed`.
    private static func skippingPast(_ due: Duration, interval: Duration, elapsed: Duration) -> Duration {
        var next = due
        while next < elapsed { next += interval }
        return next
    }

}

/// The probes with a run in flight, so a slow run is never doubled by its next due time.
private final class InFlightSet: Sendable {
    private let indices = Mutex(Set<Int>())

    /// Marks `index` running; false if it already was.
    func begin(_ index: Int) -> Bool { indices.withLock { $0.insert(index).inserted } }

    /// Marks `index` finished.
    func end(_ index: Int) { _ = indices.withLock { $0.remove(index) } }
}

extension PollScheduler where SchedulingClock == ContinuousClock {
    /// Creates a scheduler on the continuous clock, as the agent runs it.
    /// - Parameters:
    ///   - probes: What to run.
    ///   - maxConcurrentProbes: The most runs in flight at once.
    ///   - logger: The agent's logger.
    ///   - consumer: Receives every report.
    public init(probes: [ScheduledProbe], maxConcurrentProbes: Int, logger: Logger, consumer: @escaping Consumer) {
        self.init(
            probes: probes, maxConcurrentProbes: maxConcurrentProbes, clock: ContinuousClock(), logger: logger,
            consumer: consumer)
    }
}

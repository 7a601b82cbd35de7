public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization
import VedettaCore

/// Runs every scheduled probe on its interval with bounded concurrency and hands each report to a consumer.
///
/// - Every probe runs once soon after start, spread over a few seconds (``ScheduledProbe/startupOffset``); later
///   runs are spread over the interval by a stable per-target offset (``ScheduledProbe/phaseOffset``).
/// - At most `maxConcurrentProbes` run at once; a due probe waits for a free slot.
/// - Every run has a deadline (its timeout). Probes that bound each request by the time left
///   (``Probe/finishesByDeadline``, as the SNMP and HTTP probes do) are called directly; any other probe runs
///   under a watchdog that cancels it past the deadline and reports a `.timeout` failure. Either way one dead
///   device never holds up the others.
/// - A run that is still going when its next one is due is not doubled: that next run is skipped.
/// - Every sample gets a `probe` label with the probe kind (like Prometheus' `job`), and every report carries
///   `up` (1 or 0) and `probe_duration_seconds` samples.
public struct PollScheduler: Service {
    /// Receives each report; called concurrently from probe tasks.
    public typealias Consumer = @Sendable (ProbeReport) async -> Void

    private let probes: [ScheduledProbe]
    private let maxConcurrentProbes: Int
    private let logger: Logger
    private let consumer: Consumer

    /// Creates a scheduler.
    /// - Parameters:
    ///   - probes: What to run.
    ///   - maxConcurrentProbes: The most runs in flight at once.
    ///   - logger: The agent's logger; each run gets a child logger with `probe.target` and `probe.kind`.
    ///   - consumer: Receives every report.
    public init(probes: [ScheduledProbe], maxConcurrentProbes: Int, logger: Logger, consumer: @escaping Consumer) {
        self.probes = probes
        self.maxConcurrentProbes = maxConcurrentProbes
        self.logger = logger
        self.consumer = consumer
    }

    /// Runs until cancelled or until graceful shutdown is requested.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runLoop()
        }
    }

    private func runLoop() async {
        guard !probes.isEmpty else {
            try? await Task.sleep(for: .seconds(365 * 86_400))  // nothing to poll: idle until cancelled
            return
        }
        let limiter = ConcurrencyLimiter(limit: maxConcurrentProbes)
        let inFlight = InFlightSet()
        let start = ContinuousClock.now
        var queue = DueQueue()
        var hasRun = [Bool](repeating: false, count: probes.count)
        for (index, probe) in probes.enumerated() {
            queue.insert(index: index, due: start + probe.startupOffset)
        }
        await withDiscardingTaskGroup { group in
            while let (index, due) = queue.popFirst() {
                do {
                    try await Task.sleep(until: due, clock: .continuous)
                    try await limiter.acquire()
                } catch {
                    return  // cancelled: shutdown
                }
                let scheduled = probes[index]
                let next =
                    hasRun[index]
                    ? Self.nextDue(after: due, interval: scheduled.interval)
                    : Self.skippingPast(scheduled.secondDue(start: start), interval: scheduled.interval)
                hasRun[index] = true
                queue.insert(index: index, due: next)
                guard inFlight.begin(index) else {
                    limiter.release()
                    Counter(label: "vedetta_probe_skipped_total", dimensions: [("kind", scheduled.probe.kind.rawValue)])
                        .increment()
                    logger.debug(
                        "probe still running, skipping this run", metadata: ["probe.target": "\(scheduled.target)"])
                    continue
                }
                group.addTask {
                    defer {
                        inFlight.end(index)
                        limiter.release()
                    }
                    let report = await Self.run(scheduled, logger: logger)
                    // A run cut short by shutdown says nothing about the device: never report it as down.
                    guard !Task.isCancelled else { return }
                    await consumer(report)
                }
            }
        }
    }

    /// Runs a probe that does not bound itself under a watchdog: past the deadline (and a short grace for the probe
    /// to report its own timeout with partial samples) the run is cancelled and reported as a timeout.
    private static func watched(
        _ scheduled: ScheduledProbe,
        target: Target,
        deadline: ContinuousClock.Instant,
        logger: Logger
    ) async -> ProbeResult {
        await withTaskGroup(of: ProbeResult?.self) { group in
            group.addTask {
                await scheduled.probe.probe(target, deadline: deadline, logger: logger)
            }
            group.addTask {
                // Grace after the deadline for the probe to report its own timeout with partial samples.
                try? await Task.sleep(until: deadline + .milliseconds(250), clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
            ?? ProbeResult(
                outcome: .failure(
                    ProbeFailure(
                        .timeout, "no answer from \(scheduled.target) within \(scheduled.timeout.compactDescription)")
                )
            )
    }

    /// The next due instant after `due`, skipping intervals that are already in the past (no catch-up bursts).
    static func nextDue(after due: ContinuousClock.Instant, interval: Duration) -> ContinuousClock.Instant {
        skippingPast(due + interval, interval: interval)
    }

    /// `due`, or the first instant `due + k·interval` that is not in the past.
    private static func skippingPast(_ due: ContinuousClock.Instant, interval: Duration) -> ContinuousClock.Instant {
        var next = due
        let now = ContinuousClock.now
        while next < now { next += interval }
        return next
    }

    /// Runs one probe once, exactly as the scheduler does on each of its runs: under its deadline, with the
    /// `probe` label on every sample and `up` and `probe_duration_seconds` added. `vedetta probe DEVICE` uses it to
    /// show what the rules will see.
    /// - Parameters:
    ///   - scheduled: The probe, its target and its timeout.
    ///   - logger: The parent logger; the run logs with `probe.target` and `probe.kind`.
    /// - Returns: The report, as the scheduler's consumer would receive it.
    public static func runOnce(_ scheduled: ScheduledProbe, logger: Logger) async -> ProbeReport {
        await run(scheduled, logger: logger)
    }

    /// Runs one probe under its deadline and decorates the result with `up` and duration samples.
    static func run(_ scheduled: ScheduledProbe, logger parent: Logger) async -> ProbeReport {
        var logger = parent
        logger[metadataKey: "probe.target"] = "\(scheduled.target.device)"
        logger[metadataKey: "probe.kind"] = "\(scheduled.probe.kind)"
        let started = ContinuousClock.now
        let deadline = started + scheduled.timeout
        let probeLogger = logger
        let kindLabel = scheduled.probe.kind.rawValue
        // The probe gets the `probe` label with the target's, so its samples carry it from the start.
        var target = scheduled.target
        target.labels["probe"] = kindLabel
        let labelledTarget = target
        var result: ProbeResult
        if scheduled.probe.finishesByDeadline {
            result = await scheduled.probe.probe(labelledTarget, deadline: deadline, logger: probeLogger)
        } else {
            result = await watched(scheduled, target: labelledTarget, deadline: deadline, logger: probeLogger)
        }
        let finished = ContinuousClock.now
        let duration = finished - started
        for index in result.samples.indices where result.samples[index].labels["probe"] != kindLabel {
            result.samples[index].labels["probe"] = kindLabel
        }
        let labels = target.labels
        result.samples.append(
            Sample(
                name: "up", labels: labels, value: result.succeeded ? 1 : 0,
                help: "1 if the last probe of the device succeeded, else 0."))
        result.samples.append(
            Sample(
                name: "probe_duration_seconds", labels: labels, value: duration.seconds,
                help: "How long the last probe of the device took, in seconds."))
        guard !Task.isCancelled else {
            // Shutdown: the run was cut short; it is neither counted nor logged as a device failure.
            result.outcome = .failure(ProbeFailure(.other, "cancelled by shutdown"))
            return ProbeReport(
                target: scheduled.target, kind: scheduled.probe.kind, result: result,
                duration: duration, finishedAt: finished)
        }
        recordMetrics(kind: scheduled.probe.kind, result: result, duration: duration)
        if case .failure(let failure) = result.outcome {
            logger.info("probe failed", metadata: ["probe.reason": "\(failure.code)", "error": "\(failure.message)"])
        } else {
            logger.debug("probe succeeded", metadata: ["probe.samples": "\(result.samples.count)"])
        }
        return ProbeReport(
            target: scheduled.target,
            kind: scheduled.probe.kind,
            result: result,
            duration: duration,
            finishedAt: finished
        )
    }

    private static func recordMetrics(kind: ProbeKind, result: ProbeResult, duration: Duration) {
        let outcome: String
        switch result.outcome {
        case .success: outcome = "success"
        case .failure(let failure): outcome = failure.code.rawValue
        }
        Counter(label: "vedetta_probe_runs_total", dimensions: [("kind", kind.rawValue), ("outcome", outcome)])
            .increment()
        Timer(label: "vedetta_probe_duration_seconds", dimensions: [("kind", kind.rawValue)])
            .recordNanoseconds(Int64(duration.seconds * 1e9))
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

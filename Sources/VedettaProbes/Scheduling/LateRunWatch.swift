import Logging
import Metrics
import VedettaCore

/// Notices runs that start late, counts them in `vedetta_probe_late_runs_total{kind}` and warns at most once a
/// minute, saying why and what to change.
///
/// A run is late when it starts more than ``tolerance(for:)`` after its due time. The usual cause is
/// `max_concurrent_probes`: runs that hold a slot for long (ICMP runs of several packets, slow exec plugins) leave
/// none free, and every device is then polled less often than configured. The other cause is an agent with no CPU
/// to spare. Either way the user must be told; a quietly stretched interval looks like a healthy agent.
struct LateRunWatch<Instant: InstantProtocol> where Instant.Duration == Duration {
    /// The scheduler's limit of runs in flight, named in the warning.
    var maxConcurrentProbes: Int
    /// The shortest time between two warnings.
    static var warningInterval: Duration { .seconds(60) }

    private var lateSinceWarning = 0
    private var waitedForSlot = 0
    private var worstDelay: Duration = .zero
    private var lastWarning: Instant?
    /// The latest stretch the scheduler spent waiting for free slots, with no sleep since.
    private var slotBlock: (start: Instant, end: Instant)?

    init(maxConcurrentProbes: Int) {
        self.maxConcurrentProbes = maxConcurrentProbes
    }

    /// How late a run of `interval` may start without counting as late: a tenth of the interval, at least a second.
    static func tolerance(for interval: Duration) -> Duration {
        max(.seconds(1), interval / 10)
    }

    /// Records one run's start.
    /// - Parameters:
    ///   - kind: The probe kind, the counter's label.
    ///   - due: When the run was due.
    ///   - slept: Whether the scheduler slept until `due` (it was on time) rather than finding it already past.
    ///   - slotSearch: When the scheduler began waiting for a free slot for this run.
    ///   - startedAt: When the run got its slot and started.
    ///   - interval: The probe's interval.
    ///   - logger: Where the warning goes.
    mutating func recordStart(
        kind: String, due: Instant, slept: Bool, slotSearch: Instant, startedAt: Instant, interval: Duration,
        logger: Logger
    ) {
        let slotWait = slotWait(due: due, slept: slept, slotSearch: slotSearch, startedAt: startedAt)
        recordStart(
            kind: kind, delay: due.duration(to: startedAt), slotWait: slotWait, interval: interval, now: startedAt,
            logger: logger)
    }

    /// How much of a run's delay was spent waiting for slots: its own wait, and, when it fell due while the
    /// scheduler was still waiting for a slot for earlier runs (the scheduler takes runs in order, so they wait
    /// behind), the part of that wait after its due time.
    private mutating func slotWait(due: Instant, slept: Bool, slotSearch: Instant, startedAt: Instant) -> Duration {
        var wait = slotSearch.duration(to: startedAt)
        if let block = slotBlock, due < block.end {
            wait += max(due, block.start).duration(to: block.end)
        }
        if slept {
            slotBlock = nil  // the scheduler caught up: earlier waits delay nothing that follows
        }
        if slotSearch < startedAt {
            // Waits back to back (the scheduler never caught up in between) are one block.
            let start = slotBlock.map { $0.end >= slotSearch ? $0.start : slotSearch } ?? slotSearch
            slotBlock = (start, startedAt)
        }
        return wait
    }

    /// Records one run's start, its delay and slot wait worked out.
    private mutating func recordStart(
        kind: String, delay: Duration, slotWait: Duration, interval: Duration, now: Instant, logger: Logger
    ) {
        let tolerance = Self.tolerance(for: interval)
        guard delay > tolerance else { return }
        Counter(label: "vedetta_probe_late_runs_total", dimensions: [("kind", kind)]).increment()
        lateSinceWarning += 1
        if slotWait > tolerance / 2 { waitedForSlot += 1 }
        worstDelay = max(worstDelay, delay)
        if let lastWarning, lastWarning.duration(to: now) < Self.warningInterval { return }
        let cause =
            waitedForSlot > 0
            ? "every one of the max_concurrent_probes slots (\(maxConcurrentProbes)) was busy: raise "
                + "agent.max_concurrent_probes to about twice the runs in flight (devices × run length / interval)"
            : "the agent had no CPU to spare or was suspended"
        logger.warning(
            "probe runs are starting late, so devices are polled less often than configured",
            metadata: [
                "late_runs": "\(lateSinceWarning)", "waited_for_slot": "\(waitedForSlot)",
                "worst_delay": "\(worstDelay.compactDescription)", "cause": "\(cause)",
            ])
        lastWarning = now
        lateSinceWarning = 0
        waitedForSlot = 0
        worstDelay = .zero
    }
}

public import VedettaCore

/// One probe of one target with its schedule: what ``PollScheduler`` runs.
public struct ScheduledProbe: Sendable {
    /// The device and address.
    public var target: Target
    /// The probe to run.
    public var probe: any Probe
    /// Time between runs.
    public var interval: Duration
    /// The most one run may take; the scheduler cancels the probe past it.
    public var timeout: Duration

    /// The grid that run offsets fall on (``phaseOffset``): runs in the same slot start together and share one
    /// wake-up of the scheduler and of the probe engines. At most ``maximumPhaseStep(for:)``; the scheduler makes
    /// it finer when many probes share an interval (``batched(_:runsPerSlot:)``).
    public var phaseStep: Duration
    /// The grid of the start-up run (``startupOffset``): at most 100 ms, so that a large agent's first runs are not a
    /// handful of bursts, and finer when many probes share an interval.
    public var startupStep: Duration

    /// Creates a scheduled probe, on the coarsest grid for its interval.
    public init(target: Target, probe: any Probe, interval: Duration, timeout: Duration) {
        self.target = target
        self.probe = probe
        self.interval = interval
        self.timeout = timeout
        (phaseStep, startupStep) = Self.steps(for: interval)
    }

    /// The coarsest grid for runs every `interval`: a quarter of it, at most one second (Zabbix schedules item
    /// checks on whole seconds), at least a millisecond. Four or more slots per interval keep the load spread; more
    /// would cost wake-ups without spreading anything: every slot wakes the scheduler, the engines' threads and the
    /// pipeline, about half a millisecond of CPU however few runs share it (`docs/performance.md`, HTTP checks).
    public static func maximumPhaseStep(for interval: Duration) -> Duration {
        max(.milliseconds(1), min(.seconds(1), interval / 4))
    }

    /// About how many runs the scheduler lets share a slot of the phase grid when many probes share an interval.
    public static let runsPerSlot = 16

    /// `probes` with each interval's grid made fine enough that a slot holds about `runsPerSlot` runs: batches
    /// large enough to share wake-ups, small enough that no device or network sees a burst.
    public static func batched(_ probes: [ScheduledProbe], runsPerSlot: Int) -> [ScheduledProbe] {
        var counts: [Duration: Int] = [:]
        for probe in probes { counts[probe.interval, default: 0] += 1 }
        let runs = max(1, runsPerSlot)
        return probes.map { probe in
            var probe = probe
            let count = counts[probe.interval, default: 1]
            (probe.phaseStep, probe.startupStep) = steps(
                for: probe.interval,
                even: (probe.interval * runs / count, min(probe.interval, startupSpread) * runs / count))
            return probe
        }
    }

    /// The grid steps for runs every `interval`: the coarsest (``maximumPhaseStep(for:)``, and at most 100 ms for
    /// the start-up run), made as fine as `even` asks, never under a millisecond.
    private static func steps(
        for interval: Duration, even: (phase: Duration, startup: Duration)? = nil
    ) -> (phase: Duration, startup: Duration) {
        let coarsest = maximumPhaseStep(for: interval)
        let phase = max(.milliseconds(1), min(coarsest, even?.phase ?? coarsest))
        let startup = max(.milliseconds(1), min(phase, .milliseconds(100), even?.startup ?? phase))
        return (phase, startup)
    }

    /// How long after start every probe has run once: first runs are spread over this time (or the interval, if
    /// shorter), so a new agent shows every device within seconds rather than after a whole interval.
    public static let startupSpread: Duration = .seconds(5)

    /// A stable offset within the interval derived from the device name and probe kind, so that many devices
    /// with the same interval are spread over it instead of all polled at once (Prometheus' scrape offset).
    /// Offsets fall on a grid of ``phaseStep``, so runs come in small batches that share one wake-up of the
    /// scheduler and of the probe engines, instead of one wake-up each.
    public var phaseOffset: Duration {
        offset(within: interval, step: phaseStep)
    }

    /// When the first run is due after the scheduler starts: a stable offset within ``startupSpread`` (or the
    /// interval, if shorter).
    public var startupOffset: Duration {
        offset(within: min(interval, Self.startupSpread), step: startupStep)
    }

    /// When the second run is due, as an offset from the scheduler's start: the first point of the steady schedule
    /// (`phaseOffset + k·interval`) that is at least half an interval after the first run, so runs settle on
    /// their spread phase without two runs close together.
    /// - Parameter firstRun: When the first run started: ``startupOffset`` for a probe there at start, later for
    ///   one a reload added or one whose first run waited for a slot.
    public func secondDueOffset(firstRunAt firstRun: Duration) -> Duration {
        let earliest = firstRun + interval / 2
        var due = phaseOffset
        while due < earliest { due += interval }
        return due
    }

    /// A stable multiple of `step` below `span`, from the device name and probe kind.
    private func offset(within span: Duration, step: Duration) -> Duration {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in "\(target.device.rawValue)/\(probe.kind.rawValue)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let slots = max(1, UInt64(span / step))
        return step * Int(hash % slots)
    }
}

/// The outcome of one scheduled run, handed to the scheduler's consumer.
public struct ProbeReport: Sendable {
    /// What was probed.
    public var target: Target
    /// The probe kind.
    public var kind: ProbeKind
    /// The result, with `up` and `probe_duration_seconds` samples added by the scheduler.
    public var result: ProbeResult
    /// How long the run took.
    public var duration: Duration
    /// When the run finished, on the continuous clock.
    public var finishedAt: ContinuousClock.Instant

    /// Creates a report.
    public init(
        target: Target,
        kind: ProbeKind,
        result: ProbeResult,
        duration: Duration,
        finishedAt: ContinuousClock.Instant
    ) {
        self.target = target
        self.kind = kind
        self.result = result
        self.duration = duration
        self.finishedAt = finishedAt
    }
}

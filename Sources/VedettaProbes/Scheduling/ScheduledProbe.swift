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

    /// Creates a scheduled probe.
    public init(target: Target, probe: any Probe, interval: Duration, timeout: Duration) {
        self.target = target
        self.probe = probe
        self.interval = interval
        self.timeout = timeout
    }

    /// How long after start every probe has run once: first runs are spread over this time (or the interval, if
    /// shorter), so a new agent shows every device within seconds rather than after a whole interval.
    public static let startupSpread: Duration = .seconds(5)

    /// A stable offset within the interval derived from the device name and probe kind, so that many devices
    /// with the same interval are spread over it instead of all polled at once (Prometheus' scrape offset).
    public var phaseOffset: Duration {
        offset(within: interval)
    }

    /// When the first run is due after the scheduler starts: a stable offset within ``startupSpread`` (or the
    /// interval, if shorter).
    public var startupOffset: Duration {
        offset(within: min(interval, Self.startupSpread))
    }

    /// When the second run is due, as an offset from the scheduler's start: the first point of the steady schedule
    /// (`phaseOffset + k·interval`) that is at least half an interval after the first run, so runs settle on
    /// their spread phase without two runs close together.
    public var secondDueOffset: Duration {
        let earliest = startupOffset + interval / 2
        var due = phaseOffset
        while due < earliest { due += interval }
        return due
    }

    private func offset(within span: Duration) -> Duration {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in "\(target.device.rawValue)/\(probe.kind.rawValue)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let milliseconds = max(1, Int64(span.seconds * 1000))
        return .milliseconds(Int64(hash % UInt64(milliseconds)))
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

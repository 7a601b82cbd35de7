public import Foundation
public import VedettaCore

/// One probe run's samples, as the alerting core takes them from the poller: what rule evaluation needs, and
/// nothing of the probe machinery.
public struct SampleReport: Sendable {
    /// The device that was probed.
    public var device: DeviceID
    /// What produced the samples: the probe kind (`snmp`, `http`), and the check's name for one of several named
    /// checks of a kind (`http/login`). Rules are evaluated per source, so an HTTP report never resolves an SNMP
    /// alert of the same device, nor one check's report another check's alert.
    public var source: String
    /// Every sample of the run, `up` included.
    public var samples: [Sample]
    /// Whether the device's counters started over since its previous report (it restarted): no rate is computed
    /// across it.
    public var countersRestarted: Bool
    /// When the run finished, on the wall clock.
    public var at: Date
    /// When the run started, on the wall clock: a run that started before a parent device came back says nothing
    /// about whether the device is reachable now.
    public var startedAt: Date

    /// Creates a report.
    /// - Parameters:
    ///   - device: The device that was probed.
    ///   - source: What produced the samples.
    ///   - samples: Every sample of the run.
    ///   - countersRestarted: Whether the device's counters started over.
    ///   - at: When the run finished.
    ///   - startedAt: When it started; defaults to `at`.
    public init(
        device: DeviceID, source: String, samples: [Sample], countersRestarted: Bool = false, at: Date,
        startedAt: Date? = nil
    ) {
        self.device = device
        self.source = source
        self.samples = samples
        self.countersRestarted = countersRestarted
        self.at = at
        self.startedAt = startedAt ?? at
    }

    /// The source of a probe kind's samples, and of a named check's: `snmp`, `http/login`.
    /// - Parameters:
    ///   - kind: The probe kind (the `probe` label).
    ///   - check: The check's name (the `check` label), for one of several checks of the kind.
    /// - Returns: The source.
    public static func source(kind: String, check: String?) -> String {
        check.map { "\(kind)/\($0)" } ?? kind
    }
}

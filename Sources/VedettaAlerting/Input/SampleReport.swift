public import Foundation
public import VedettaCore

/// One probe run's samples, as the alerting core takes them from the poller: what rule evaluation needs, and
/// nothing of the probe machinery.
public struct SampleReport: Sendable {
    /// The device that was probed.
    public var device: DeviceID
    /// The probe kind that produced the samples (`snmp`, `http`); rules are evaluated per kind, so an HTTP report
    /// never resolves an SNMP alert of the same device.
    public var source: String
    /// Every sample of the run, `up` included.
    public var samples: [Sample]
    /// Whether the device's counters started over since its previous report (it restarted): no rate is computed
    /// across it.
    public var countersRestarted: Bool
    /// When the run finished, on the wall clock.
    public var at: Date

    /// Creates a report.
    public init(device: DeviceID, source: String, samples: [Sample], countersRestarted: Bool = false, at: Date) {
        self.device = device
        self.source = source
        self.samples = samples
        self.countersRestarted = countersRestarted
        self.at = at
    }
}

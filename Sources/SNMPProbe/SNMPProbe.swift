public import Foundation
public import Logging
public import SNMPKit
import VedettaConfig
public import VedettaCore
public import VedettaProbes

/// Polls one device over SNMPv1/v2c/v3 according to its profiles (`probes/*.yaml`): GETs the scalars in batches,
/// walks every table column, and turns the answers into samples with ``SNMPSampleBuilder``.
///
/// The outcome is success when the device answered everything properly. A timeout, an unreachable address, a
/// refused community or the deadline is a failure (`timeout`, `unreachable`, `authentication`); a garbled or
/// non-increasing answer is a `malformed_response` failure. The samples collected before a failure are kept.
/// Objects the device does not have are simply absent.
public struct SNMPProbe: Probe {
    /// Always ``ProbeKind/snmp``.
    public let kind = ProbeKind.snmp
    /// `true`: every request's timeout comes from the time left before the deadline.
    public var finishesByDeadline: Bool { true }
    /// How the device is reached.
    public let settings: SNMPDeviceConfiguration
    /// The profiles to poll, in order.
    public let profiles: [SNMPProfile]
    private let engine: SNMPEngine
    private let uptime: DeviceUptimeWatch
    private let wallClock: @Sendable () -> Date
    /// The label sets of the latest poll, which the next one reuses where its rows did not change.
    private let sampleMemory = SNMPSampleMemoryCell()

    /// Creates a probe.
    /// - Parameters:
    ///   - settings: The device's SNMP settings (address, version, community, retries, max-repetitions).
    ///   - profiles: The resolved profiles named in `settings.profiles`.
    ///   - engine: The shared SNMP engine.
    ///   - uptime: The device's uptime watch, shared by every probe built for the device.
    ///   - wallClock: The wall clock the uptime is compared with (injected for tests).
    public init(
        settings: SNMPDeviceConfiguration,
        profiles: [SNMPProfile],
        engine: SNMPEngine,
        uptime: DeviceUptimeWatch = DeviceUptimeWatch(),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.settings = settings
        self.profiles = profiles
        self.engine = engine
        self.uptime = uptime
        self.wallClock = wallClock
    }

    /// Polls the device once.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the run must be over; request timeouts are derived from the time left.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: The outcome, the samples (partial on failure) and the `total` phase duration.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let started = ContinuousClock.now
        var memory = sampleMemory.take()
        var collector = SNMPCollector(
            engine: engine, target: targetSettings, maxRepetitions: settings.maxRepetitions,
            expectedSizes: memory.columnSizes, deadline: deadline, logger: logger)
        await collector.collect(profiles)
        let builder = SNMPSampleBuilder(baseLabels: target.labels)
        let samples = builder.samples(
            for: profiles, scalars: collector.scalars, columns: collector.columns, memory: &memory)
        if !collector.walkedSizes.isEmpty { memory.columnSizes = collector.walkedSizes }
        sampleMemory.keep(memory)
        let outcome: ProbeOutcome = collector.failure.map { .failure($0) } ?? .success
        let restarted = uptime.countersRestarted(
            uptime: collector.deviceUptime, of: target.device, at: wallClock(), logger: logger)
        return ProbeResult(
            outcome: outcome, samples: samples, phases: [.total: ContinuousClock.now - started],
            countersRestarted: restarted)
    }

    /// The SNMPKit view of the device settings (the timeout is replaced per request).
    var targetSettings: SNMPTargetSettings {
        SNMPTargetSettings(
            host: settings.host,
            port: settings.port,
            version: version,
            community: settings.community,
            timeout: .seconds(1),
            retries: settings.retries,
            security: settings.v3)
    }

    private var version: SNMPProtocolVersion {
        switch settings.version {
        case .v1: .v1
        case .v2c: .v2c
        case .v3: .v3
        }
    }
}

public import Logging
public import SNMPKit
import Synchronization
import VedettaConfig
public import VedettaCore
public import VedettaProbes

/// Polls a device whose profiles are selected automatically (`profiles: auto`, or no `profiles`): asks the
/// device for its `sysObjectID.0`, selects the profiles that match it (``SNMPProfileSelection``), then polls
/// them with ``SNMPProbe``.
///
/// The selection is cached per device and detected again after ``redetectionInterval`` (an hour by default)
/// and after a poll failed, since a device that went away may come back as another model. When detection
/// fails the run fails with the same codes as a poll (`timeout`, `unreachable`, `authentication`). A new or
/// changed selection is logged at info with `snmp.sys_object_id` and `snmp.profiles`.
public struct AutoSelectingSNMPProbe: Probe {
    /// Always ``ProbeKind/snmp``.
    public let kind = ProbeKind.snmp
    /// `true`: detection and polling both bound each request by the time left before the deadline.
    public var finishesByDeadline: Bool { true }
    /// How the device is reached, and the profiles named next to `auto`.
    public let settings: SNMPDeviceConfiguration
    /// Every profile by name, to select from.
    public let catalog: [String: SNMPProfile]
    /// How long a selection is used before the device is asked again.
    public let redetectionInterval: Duration
    private let engine: SNMPEngine
    private let cache: SelectionCache
    private let uptime = DeviceUptimeWatch()

    /// The shortest per-attempt timeout of the detection request, however close the deadline.
    static let minimumTimeout = Duration.milliseconds(100)

    /// Creates a probe.
    /// - Parameters:
    ///   - settings: The device's SNMP settings; `settings.profileSelection` says which names to add.
    ///   - catalog: Every profile by name (``VedettaConfiguration/profiles``).
    ///   - engine: The shared SNMP engine.
    ///   - redetectionInterval: How long a selection is used before the device is asked again (default 1 hour).
    public init(
        settings: SNMPDeviceConfiguration,
        catalog: [String: SNMPProfile],
        engine: SNMPEngine,
        redetectionInterval: Duration = .seconds(3600)
    ) {
        self.settings = settings
        self.catalog = catalog
        self.engine = engine
        self.redetectionInterval = redetectionInterval
        self.cache = SelectionCache(SNMPProfileSelectionState(lifetime: redetectionInterval))
    }

    /// The profile names in use, or `nil` before the first detection and after a failure.
    public var selectedProfileNames: [String]? {
        cache.entry.withLock { $0.state.current?.profileNames }
    }

    /// Detects the profiles when needed, then polls the device once with them.
    /// - Parameters:
    ///   - target: The device; its labels go on every sample.
    ///   - deadline: When the run must be over, detection included.
    ///   - logger: A logger carrying `probe.target`.
    /// - Returns: The poll's result, or the detection failure; the `total` phase includes detection.
    public func probe(_ target: Target, deadline: ContinuousClock.Instant, logger: Logger) async -> ProbeResult {
        let started = ContinuousClock.now
        let probe: SNMPProbe
        if let cached = cache.entry.withLock({ $0.state.selection(at: started) == nil ? nil : $0.probe }) {
            probe = cached
        } else {
            switch await select(deadline: deadline, logger: logger) {
            case .success(let selected): probe = selected
            case .failure(let failure):
                return ProbeResult(outcome: .failure(failure), phases: [.total: ContinuousClock.now - started])
            }
        }
        var result = await probe.probe(target, deadline: deadline, logger: logger)
        if case .failure(let failure) = result.outcome, failure.code != .malformedResponse {
            cache.entry.withLock { $0.state.invalidate() }
        }
        result.phases[.total] = ContinuousClock.now - started
        return result
    }

    /// Asks the device for its identity and selects its profiles.
    private func select(
        deadline: ContinuousClock.Instant,
        logger: Logger
    ) async -> Result<SNMPProbe, ProbeFailure> {
        let now = ContinuousClock.now
        let remaining = deadline - now
        guard remaining > .zero else {
            return .failure(
                ProbeFailure(.timeout, "SNMP probe of \(settings.address) ran out of time before detection"))
        }
        var target = targetSettings
        target.timeout = max(Self.minimumTimeout, remaining / (max(0, settings.retries) + 1))
        let identity: SNMPDeviceIdentity
        do {
            identity = try await SNMPDeviceIdentity.fetch(from: target, engine: engine)
        } catch {
            return .failure(
                ProbeFailure(.init(snmp: error), "detecting the device model (sysObjectID.0) failed: \(error)"))
        }
        let names = settings.profileSelection.profileNames(in: catalog, sysObjectID: identity.sysObjectID)
        let selection = SNMPProfileSelectionState.Selection(
            sysObjectID: identity.sysObjectID, profileNames: names, detectedAt: now)
        let probe = SNMPProbe(
            settings: settings, profiles: names.compactMap { catalog[$0] }, engine: engine, uptime: uptime)
        let changed = cache.entry.withLock { entry in
            entry.probe = probe
            return entry.state.record(selection)
        }
        let metadata: Logger.Metadata = [
            "snmp.sys_object_id": "\(identity.sysObjectID?.description ?? "none")",
            "snmp.sys_name": "\(identity.sysName ?? "")",
            "snmp.profiles": "\(names.joined(separator: ","))",
        ]
        if changed {
            logger.info("SNMP profiles selected by sysObjectID", metadata: metadata)
        } else {
            logger.debug("SNMP profiles detected again, unchanged", metadata: metadata)
        }
        return .success(probe)
    }

    /// The SNMPKit view of the device settings (the timeout is replaced per request).
    private var targetSettings: SNMPTargetSettings {
        let version: SNMPProtocolVersion =
            switch settings.version {
            case .v1: .v1
            case .v2c: .v2c
            case .v3: .v3
            }
        return SNMPTargetSettings(
            host: settings.host, port: settings.port, version: version, community: settings.community,
            timeout: .seconds(1), retries: settings.retries, security: settings.v3)
    }
}

/// The selection state of one device and the probe built for the selection, shared by the copies of its probe.
final class SelectionCache: Sendable {
    struct Entry {
        var state: SNMPProfileSelectionState
        /// The poller of the current selection; used only while `state` has a selection.
        var probe: SNMPProbe?
    }

    let entry: Mutex<Entry>

    init(_ state: SNMPProfileSelectionState) {
        self.entry = Mutex(Entry(state: state, probe: nil))
    }
}

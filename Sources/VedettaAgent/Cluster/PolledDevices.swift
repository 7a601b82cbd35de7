import VedettaConfig
import VedettaCore
import VedettaProbes

/// The devices this agent polls and the scheduler's probes for them: every configured device, or, when agents
/// share the store, only those this agent holds a lease on. A reload changes the configuration, the cluster
/// membership changes the leases held; both go through here, one change at a time, and a check that stays keeps
/// its probe and its place in the schedule.
actor PolledDevices {
    /// Builds the probes of a configuration, reusing those of the previous one that did not change.
    typealias MakeProbes =
        @Sendable (VedettaConfiguration, (configuration: VedettaConfiguration, probes: [ScheduledProbe]))
        -> [ScheduledProbe]

    private let scheduler: PollScheduler<ContinuousClock>
    private let makeProbes: MakeProbes
    private let samples: SampleCache
    private let history: RecentHistory
    private let inventory: InventoryKeeper
    private var configuration: VedettaConfiguration
    private var owned: Set<DeviceID>?
    private var polled: VedettaConfiguration
    private var probes: [ScheduledProbe]

    /// Starts from what the scheduler runs now.
    /// - Parameters:
    ///   - configuration: The running configuration.
    ///   - owned: The devices held, `nil` when the agent polls every configured device.
    ///   - probes: The scheduler's probes, made for `polled(configuration, owned: owned)`.
    init(
        configuration: VedettaConfiguration, owned: Set<DeviceID>?, probes: [ScheduledProbe],
        scheduler: PollScheduler<ContinuousClock>, makeProbes: @escaping MakeProbes, samples: SampleCache,
        history: RecentHistory, inventory: InventoryKeeper
    ) {
        self.configuration = configuration
        self.owned = owned
        self.polled = Self.polled(configuration, owned: owned)
        self.probes = probes
        self.scheduler = scheduler
        self.makeProbes = makeProbes
        self.samples = samples
        self.history = history
        self.inventory = inventory
    }

    /// The devices held when agents share the store, `nil` when this agent polls every configured device.
    var held: Set<DeviceID>? { owned }

    /// `configuration` with only the devices in `owned` (all of them when `owned` is `nil`).
    static func polled(_ configuration: VedettaConfiguration, owned: Set<DeviceID>?) -> VedettaConfiguration {
        guard let owned else { return configuration }
        var polled = configuration
        polled.devices = configuration.devices.filter { owned.contains($0.id) }
        return polled
    }

    /// Polls the devices of a reloaded configuration (those held, in a cluster).
    func replace(configuration next: VedettaConfiguration) {
        configuration = next
        apply()
    }

    /// Polls the devices now held.
    func replace(owned next: Set<DeviceID>) {
        guard next != owned else { return }
        owned = next
        apply()
    }

    private func apply() {
        let next = Self.polled(configuration, owned: owned)
        probes = makeProbes(next, (polled, probes))
        polled = next
        // Polling first: a device no longer polled is polled no more, and a run in flight for it is not reported.
        scheduler.replaceProbes(probes, maxConcurrentProbes: configuration.agent.maxConcurrentProbes)
        // From now on the caches refuse polls of devices not polled here (a run in flight may still finish).
        let devices = Set(next.devices.map(\.id))
        samples.forget(devicesOtherThan: devices)
        history.forget(devicesOtherThan: devices)
        inventory.forget(devicesOtherThan: devices)
    }
}

import CurlKit
import Foundation
import LinkSigning
public import Logging
import SNMPKit
import ServiceLifecycle
import UnixSignals
import VedettaAPI
import VedettaAccess
import VedettaAlerting
import VedettaCluster
public import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaNotify
import VedettaOnCall
import VedettaProbes
import VedettaReports
import VedettaStoreSQLite

/// The composition root: builds every service from a configuration and runs them until SIGTERM or SIGINT.
public enum Agent {

    /// Runs the agent.
    /// - Parameters:
    ///   - configuration: A validated configuration (command-line overrides already applied by `ConfigLoader`).
    ///   - logger: The root logger.
    ///   - reload: Reads and checks the configuration files again (with the same command-line overrides), for
    ///     `SIGHUP` and `POST /api/v1/reload`; `nil` when the configuration does not come from files, and then the
    ///     agent cannot reload.
    ///   - onListening: Called with the HTTP port once the API accepts connections.
    /// - Throws: `AgentError` when a part cannot start (store, listener).
    public static func run(
        configuration: VedettaConfiguration,
        logger: Logger,
        reload: (@Sendable () throws(ConfigErrors) -> VedettaConfiguration)? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws(AgentError) {
        let listen = (host: configuration.agent.listenHost, port: configuration.agent.listenPort)
        guard let storeConfiguration = configuration.store else {
            throw AgentError(.configuration, "the configuration names no incident store")
        }
        let claim = try claimStore(storeConfiguration)
        defer { withExtendedLifetime(claim) {} }
        let store = try await openStore(storeConfiguration, create: true)
        _ = SelfMetrics.shared  // bootstraps swift-metrics before any service creates a metric

        let engines = Engines(logger: logger)
        defer {
            // Normally the service group has stopped them already; this covers a start-up that failed early.
            engines.shutdown()
        }
        let live = LiveValue(configuration)
        let roster = LiveValue(configuration.oncall)
        let oncall = OnCallDesk(liveRoster: roster, store: store, defaultZone: configuration.agent.timeZone)
        let factories = BuiltinKinds.channelFactories(
            engines, defaultZone: configuration.agent.timeZone, oncall: oncall)
        let makeChannels: @Sendable (VedettaConfiguration) -> [any Notifier] = { configuration in
            configuration.channels.compactMap { channel in
                factories.lazy.compactMap { $0.makeNotifier(for: channel) }.first
            }
        }
        let channels = makeChannels(configuration)
        let linkSigner = try makeLinkSigner(configuration)
        let dispatcher = OutboxDispatcher(
            store: store, channels: channels, roster: configuration.oncall,
            acknowledgeURL: { incident, person in
                guard let linkSigner, let base = configuration.agent.publicURL else { return nil }
                return AcknowledgeLink(
                    incidentID: incident, person: person ?? AcknowledgeLink.anyone,
                    expires: Date().addingTimeInterval(AcknowledgeLink.lifetime)
                ).url(base: base, signer: linkSigner)
            },
            logger: logger)
        let escalator = Escalator(
            store: store, planner: EscalationPlanner(desk: oncall, businessHours: configuration.reports.businessHours),
            onPagesQueued: { dispatcher.wake() },
            logger: logger)
        let samples = SampleCache()
        let history = RecentHistory(settings: configuration.agent.history)
        let muter = MaintenanceMuter()
        let maintenance = MaintenanceWatcher(
            store: store, configured: configuration.maintenance, muter: muter, logger: logger)
        let dependencies = makeDependencyMuter(configuration)
        let pipeline = AlertingPipeline(
            rules: configuration.rules,
            trapRules: configuration.trapRules,
            log: store,
            decisions: AlertDecisions(
                mute: MuteStage(muters: [muter, dependencies]),
                router: makeRouter(configuration, channels: channels.map(\.name)),
                annotators: [dependencies]),
            dependencies: dependencies,
            onOutboxWritten: {
                escalator.wake()
                dispatcher.wake()
            },
            logger: logger
        )
        // Agents sharing a store split the devices by lease: such an agent polls nothing until its first beat.
        let clusterStore = store as? any ClusterStore
        let pendingFile = PendingAlertFile(dataDirectory: configuration.agent.dataDirectory)
        do throws(StoreError) {
            // Windows first: an alert that still fires inside a window after a restart must stay muted.
            try await maintenance.prepare()
            try await pipeline.restoreFromStore()
            // Pending alerts after firing ones: an alert that fired meanwhile is the incident's. In a cluster the
            // devices move between agents, so each starts its `for:` again on the agent that polls it.
            let saved = clusterStore == nil ? pendingFile.take(at: Date(), logger: logger) : []
            if !saved.isEmpty {
                let adopted = await pipeline.adoptPending(saved, devices: Set(configuration.devices.map(\.id)))
                logger.info(
                    "pending alerts taken over from the previous run: their for: counts from when they became pending",
                    metadata: ["alerts.saved": "\(saved.count)", "alerts.adopted": "\(adopted)"])
            }
        } catch {
            throw AgentError(
                .store,
                "cannot read open incidents and maintenance windows from \(storeConfiguration.settings.location): "
                    + "\(error)",
                storeError: error)
        }
        let reports = ReportQueue()
        let inventory = InventoryKeeper(store: store, logger: logger)
        let probeFactories = BuiltinKinds.probeFactories(engines)
        let initiallyOwned: Set<DeviceID>? = clusterStore == nil ? nil : []
        let probes = ScheduledProbes.make(
            for: PolledDevices.polled(configuration, owned: initiallyOwned), factories: probeFactories)
        let scheduler = PollScheduler(
            probes: probes,
            maxConcurrentProbes: configuration.agent.maxConcurrentProbes,
            logger: logger,
            consumer: { report in
                // Never waits: /metrics gets the samples at once, the alerting core when it is ready.
                let report = SampleReport(report)
                samples.replace(device: report.device, source: report.source, with: report.samples)
                history.record(
                    device: report.device, source: report.source, samples: report.samples,
                    countersRestarted: report.countersRestarted, at: report.at)
                reports.submit(report)
                inventory.submit(report)
            }
        )
        let polled = PolledDevices(
            configuration: configuration, owned: initiallyOwned, probes: probes, scheduler: scheduler,
            makeProbes: { configuration, previous in
                ScheduledProbes.make(for: configuration, factories: probeFactories, reusing: previous)
            },
            samples: samples, history: history, inventory: inventory)
        let identity = ClusterMembership.Identity(configuration.agent, address: "\(listen.host):\(listen.port)")
        let membership = clusterStore.map {
            ClusterMembership.forAgent(
                store: $0, identity: identity, configuration: live, pipeline: pipeline, polled: polled, logger: logger)
        }
        let statusCatalog = LiveValue(AgentStatus.Catalog(configuration))
        let inventoryCatalog = LiveValue(AgentInventoryOperations.Catalog(of: configuration))
        let status = AgentStatus(
            store: store,
            pipeline: pipeline,
            samples: samples,
            history: history,
            startedAt: .now,
            catalog: statusCatalog,
            dependencies: dependencies,
            polled: polled
        )
        let maintenanceAPI = MaintenanceAPI(
            planner: MaintenancePlanner(store: store, defaultZone: configuration.agent.timeZone),
            onChange: { try? await maintenance.reload() })
        let incidentOperations = AgentIncidentOperations(store: store, live: live, clock: { Date() })
        let traps = TrapIntake.settings(of: configuration).map { settings in
            TrapIntake(configuration: settings, devices: configuration, pipeline: pipeline, logger: logger)
        }
        let reloader = reload.map { load in
            ConfigurationReloader(
                load: load,
                parts: ConfigurationReloader.Parts(
                    polled: polled, pipeline: pipeline, dependencies: dependencies, dispatcher: dispatcher,
                    roster: roster, maintenance: maintenance, status: statusCatalog, inventory: inventoryCatalog,
                    configuration: live, traps: traps, makeChannels: makeChannels),
                logger: logger)
        }
        let access = AccessDesk(store: store, settings: configuration.access)
        if (try? await access.hasUsers()) == false {
            logger.warning(
                "no users yet: the API and console refuse every request but the public ones",
                metadata: ["hint": "create the first admin with `vedetta users add NAME --role admin`"])
        }
        let api = APIServer.make(
            host: listen.host,
            port: listen.port,
            source: status,
            access: access,
            maintenance: maintenanceAPI,
            incidents: incidentOperations,
            inventory: AgentInventoryOperations(store: store, keeper: inventory, catalog: inventoryCatalog),
            oncall: OnCallAPI(desk: oncall),
            linkSigner: linkSigner,
            reloader: reloader,
            cluster: AgentClusterStatus(store: clusterStore, identity: identity, configuration: live),
            logger: logger,
            onListening: { port in
                // "Started" only once everything is up, the listener included: a taken port fails before this.
                logger.info(
                    "vedetta started",
                    metadata: [
                        "http.address": "\(listen.host):\(port)",
                        "http.routes": "/metrics /metrics/devices /healthz /api/v1",
                        "state.database": "\(storeConfiguration.settings.location)",
                        "devices": "\(configuration.devices.count)",
                        "probes": "\(probes.count)", "rules": "\(configuration.rules.count)",
                        "trap_rules": "\(configuration.trapRules.count)",
                        "oncall.schedules": "\(configuration.oncall.schedules.count)",
                        "channels": "\(channels.map(\.name).joined(separator: ","))",
                    ]
                )
                for probe in probes {
                    logger.info(
                        "watching",
                        metadata: [
                            "probe.target": "\(probe.target.device)", "probe.kind": "\(probe.probe.kind)",
                            "probe.address": "\(probe.target.address)",
                            "probe.interval": "\(probe.interval.compactDescription)",
                        ]
                    )
                }
                await onListening(port)
            }
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                // Stopped in reverse order on shutdown: the engines last, after everything that uses them.
                services: engines.services.map { .init(service: $0) } + [
                    .init(service: scheduler),
                    .init(service: AlertingService(queue: reports, pipeline: pipeline)),
                ] + (traps.map { [.init(service: $0)] } ?? []) + [
                    .init(service: escalator),
                    .init(service: dispatcher),
                    .init(service: maintenance),
                    .init(service: inventory),
                    .init(service: api),
                    .init(service: ReloadSignalWatcher(reloader: reloader, logger: logger)),
                ] + (membership.map { [.init(service: $0)] } ?? [])
                    + recordServices(configuration: configuration, store: store, logger: logger),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
            if clusterStore == nil { await savePending(of: pipeline, to: pendingFile, logger: logger) }
        } catch let error as ListenError {
            throw AgentError(.listen, error.description)
        } catch let error as AgentError {
            throw error
        } catch {
            throw AgentError(.stopped, "agent stopped: \(error)")
        }
        logger.info("vedetta stopped")
    }

    /// Leaves the pipeline's pending alerts for the next start (``PendingAlertFile``); the services have stopped, so
    /// nothing changes them any more. A failure is logged: only their `for:` is lost.
    private static func savePending(of pipeline: AlertingPipeline, to file: PendingAlertFile, logger: Logger) async {
        let pending = await pipeline.pendingAlerts()
        do {
            try file.save(pending, at: Date())
            if !pending.isEmpty {
                logger.info(
                    "pending alerts saved for the next start",
                    metadata: ["alerts": "\(pending.count)", "file": "\(file.path.path)"])
            }
        } catch {
            logger.warning(
                "cannot save the pending alerts: after the restart their for: starts again",
                metadata: ["file": "\(file.path.path)", "error": "\(error)"])
        }
    }

    /// The signer of one-click acknowledgement links, with its key in the data directory (`link.key`, made on
    /// first use), or `nil` without `agent.public_url`.
    private static func makeLinkSigner(_ configuration: VedettaConfiguration) throws(AgentError) -> LinkSigner? {
        guard configuration.agent.publicURL != nil else { return nil }
        let path = URL(fileURLWithPath: configuration.agent.dataDirectory).appendingPathComponent("link.key").path
        do throws(LinkKeyError) {
            return try LinkSigner(key: LinkSigner.loadOrCreateKey(at: path))
        } catch {
            throw AgentError(.configuration, "cannot sign acknowledgement links: \(error)")
        }
    }

    /// The label routes of `notify.routes`, or every alert to every channel without them.
    static func makeRouter(_ configuration: VedettaConfiguration, channels: [String]) -> any Router {
        guard let routes = configuration.routes else { return BroadcastRouter(channels: channels) }
        return LabelRouter(
            rules: routes.map { route in
                LabelRouter.Rule(
                    matchers: route.matchers, channels: route.channels,
                    escalation: route.escalation.map {
                        RouteEscalation(policy: $0.name, groupBy: route.groupBy, groupWait: route.groupWait)
                    },
                    continues: route.continues)
            })
    }

    /// The dependency muter of the configuration's topology: made even without parents, so that a reload may add
    /// them.
    private static func makeDependencyMuter(_ configuration: VedettaConfiguration) -> DependencyMuter {
        let settings = DependencySettings(configuration)
        return DependencyMuter(
            topology: configuration.topology, deviceDownRules: settings.deviceDownRules, roles: settings.roles,
            checkWindows: settings.checkWindows)
    }

    /// The services that keep the record: the purge of old incidents (when `incidents.retention` is set) and the
    /// scheduled reports (when `reports.schedules` lists any). Only what is configured runs: a service that has
    /// nothing to do would end, and a service that ends stops the agent.
    private static func recordServices(configuration: VedettaConfiguration, store: any AgentStore, logger: Logger)
        -> [ServiceGroupConfiguration.ServiceConfiguration]
    {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let retention = configuration.incidents.retention {
            services.append(.init(service: IncidentRetention(store: store, retention: retention, logger: logger)))
        }
        if !configuration.reports.schedules.isEmpty {
            services.append(.init(service: ReportScheduler(configuration: configuration, store: store, logger: logger)))
        }
        return services
    }

    /// Opens the configured incident store through its kind's factory.
    /// - Parameters:
    ///   - store: The store's configuration.
    ///   - create: Whether a missing store (a database file and its directory) is created, as the agent does; the
    ///     commands that read or change the log of an agent pass `false`, so a mistyped path is an error naming it.
    /// - Throws: `AgentError` naming the store when it is missing (and `create` is false) or cannot be opened.
    public static func openStore(_ store: StoreConfiguration, create: Bool) async throws(AgentError)
        -> any AgentStore
    {
        let location = store.settings.location
        do {
            for factory in BuiltinKinds.storeFactories where factory.key == store.kind {
                if let opened = try await factory.openStore(store.settings, create: create) { return opened }
            }
        } catch {
            // A missing database says all there is to say; any other failure gets the store's details.
            guard error.code != .notFound else { throw AgentError(.store, error.message, storeError: error) }
            throw AgentError(.store, "cannot open the incident store at \(location): \(error)", storeError: error)
        }
        throw AgentError(.configuration, "no store kind \"\(store.kind)\" is built into this vedetta")
    }

    /// Claims the configured store for this agent, so that no restore replaces it while the agent runs, or throws
    /// naming the process in the way. The claim lasts as long as the returned value.
    public static func claimStore(_ store: StoreConfiguration) throws(AgentError) -> (any Sendable)? {
        do {
            for factory in BuiltinKinds.storeFactories where factory.key == store.kind {
                if let claim = try factory.claim(store.settings) { return claim }
            }
            return nil
        } catch {
            throw AgentError(.store, "cannot start: \(error.message)", storeError: error)
        }
    }

    /// The backups, checks, restores and upgrades of the configured store (`vedetta store`).
    public static func storeCopies(_ store: StoreConfiguration) throws(AgentError) -> any StoreCopies {
        for factory in BuiltinKinds.storeFactories where factory.key == store.kind {
            if let copies = factory.copies(of: store.settings) { return copies }
        }
        throw AgentError(.configuration, "no store kind \"\(store.kind)\" is built into this vedetta")
    }

    /// The store a command (`vedetta incidents`, `maintenance`, `oncall`, `users` …) works on: a database server
    /// the configuration names, whatever the data directory; otherwise the SQLite file of `--data DIR` when given;
    /// otherwise the configured store.
    /// - Parameters:
    ///   - configured: The configuration's store, `nil` when no configuration was read.
    ///   - dataDirectory: `--data DIR`, if given.
    public static func commandStore(configured: StoreConfiguration?, dataDirectory: String?) -> StoreConfiguration? {
        if let configured, configured.kind != SQLiteStoreReader().key { return configured }
        if let dataDirectory, let store = defaultStore(dataDirectory: dataDirectory) { return store }
        return configured
    }

    /// The store of the data directory `dataDirectory`, as the agent opens it when `store:` is not configured.
    public static func defaultStore(dataDirectory: String) -> StoreConfiguration? {
        for kind in BuiltinKinds.configuration.stores {
            if let settings = kind.defaultStore(dataDirectory: dataDirectory) {
                return StoreConfiguration(kind: kind.key, settings: settings)
            }
        }
        return nil
    }
}

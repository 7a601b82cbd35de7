import CurlKit
import Foundation
public import Logging
import SNMPKit
import ServiceLifecycle
import UnixSignals
import VedettaAPI
import VedettaAlerting
public import VedettaConfig
import VedettaCore
public import VedettaIncidents
import VedettaNotify
import VedettaProbes
import VedettaStoreSQLite

/// The composition root: builds every service from a configuration and runs them until SIGTERM or SIGINT.
public enum Agent {
    /// The name of the incident database inside the data directory.
    public static let databaseFileName = "vedetta.sqlite"

    /// Runs the agent.
    /// - Parameters:
    ///   - configuration: A validated configuration (command-line overrides already applied by `ConfigLoader`).
    ///   - logger: The root logger.
    ///   - onListening: Called with the HTTP port once the API accepts connections.
    /// - Throws: `AgentError` when a part cannot start (store, listener).
    public static func run(
        configuration: VedettaConfiguration,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws(AgentError) {
        let dataDirectory = configuration.agent.dataDirectory
        let listen = (host: configuration.agent.listenHost, port: configuration.agent.listenPort)
        let store = try openStore(in: dataDirectory)
        _ = SelfMetrics.shared  // bootstraps swift-metrics before any service creates a metric

        let snmpEngine = SNMPEngine(logger: logger)
        let curlEngine = CurlEngine(logger: logger)
        defer {
            snmpEngine.shutdown()
            curlEngine.shutdown()
        }
        let channels = BuiltinChannels.make(for: configuration, curlEngine: curlEngine)
        let dispatcher = OutboxDispatcher(store: store, channels: channels, logger: logger)
        let samples = SampleCache()
        let pipeline = AlertingPipeline(
            rules: configuration.rules,
            log: store,
            decisions: AlertDecisions(mute: MuteStage(), router: BroadcastRouter(channels: channels.map(\.name))),
            onOutboxWritten: { dispatcher.wake() },
            logger: logger
        )
        do {
            try await pipeline.restoreFromStore()
        } catch {
            throw AgentError("cannot read open incidents from \(dataDirectory): \(error)")
        }
        let reports = ReportQueue()
        let probes = BuiltinProbes(snmpEngine: snmpEngine, curlEngine: curlEngine)
            .makeScheduledProbes(for: configuration)
        let scheduler = PollScheduler(
            probes: probes,
            maxConcurrentProbes: configuration.agent.maxConcurrentProbes,
            logger: logger,
            consumer: { report in
                // Never waits: /metrics gets the samples at once, the alerting core when it is ready.
                samples.replace(device: report.target.device, kind: report.kind, with: report.result.samples)
                reports.submit(SampleReport(report))
            }
        )
        let status = AgentStatus(
            store: store,
            pipeline: pipeline,
            samples: samples,
            startedAt: .now,
            deviceCount: configuration.devices.count,
            ruleCount: configuration.rules.count
        )
        let database = URL(fileURLWithPath: dataDirectory).appendingPathComponent(databaseFileName).path
        let api = APIServer.make(
            host: listen.host,
            port: listen.port,
            source: status,
            logger: logger,
            onListening: { port in
                // "Started" only once everything is up, the listener included: a taken port fails before this.
                logger.info(
                    "vedetta started",
                    metadata: [
                        "http.address": "\(listen.host):\(port)", "http.routes": "/metrics /healthz /api/v1",
                        "state.database": "\(database)", "devices": "\(configuration.devices.count)",
                        "probes": "\(probes.count)", "rules": "\(configuration.rules.count)",
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
                services: [
                    .init(service: scheduler),
                    .init(service: AlertingService(queue: reports, pipeline: pipeline)),
                    .init(service: dispatcher),
                    .init(service: api),
                    .init(service: ReloadSignalWatcher(logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch let error as ListenError {
            throw AgentError(error.description)
        } catch {
            throw AgentError("agent stopped: \(error)")
        }
        logger.info("vedetta stopped")
    }

    /// Opens the SQLite incident store in `dataDirectory`.
    /// - Parameters:
    ///   - dataDirectory: The agent's data directory.
    ///   - create: Whether a missing database (and directory) is created, as the agent does; the commands that
    ///     read or change the log of an agent pass `false`, so a mistyped path is an error naming it.
    /// - Throws: `AgentError` naming the path when the database is missing (and `create` is false) or cannot be
    ///   opened.
    public static func openStore(in dataDirectory: String, create: Bool = true) throws(AgentError)
        -> any IncidentStore
    {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(databaseFileName).path
        do {
            return try SQLiteIncidentStore(path: path, createIfMissing: create)
        } catch {
            // A missing database says all there is to say; any other failure gets the store's details.
            guard error.code != .notFound else { throw AgentError(error.message) }
            throw AgentError("cannot open the incident store at \(path): \(error)")
        }
    }
}

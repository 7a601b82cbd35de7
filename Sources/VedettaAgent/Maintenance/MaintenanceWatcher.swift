public import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
public import VedettaAlerting
public import VedettaCore
public import VedettaMaintenance

/// Keeps the agent's maintenance muter equal to the windows in the store: the windows from files are applied
/// at start, and a change by the CLI (another process), the API or a file is picked up within `pollInterval`
/// (the API's changes at once, through ``reload()``). Publishes `vedetta_maintenance_active{window}`.
public actor MaintenanceWatcher: Service {
    private let store: any MaintenanceStore
    private var configured: [MaintenanceWindowDraft]
    private let muter: MaintenanceMuter
    private let pollInterval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var revision: Int64 = -1
    private var windows: [MaintenanceWindow] = []
    private var published: Set<Int64> = []

    /// Creates the watcher.
    /// - Parameters:
    ///   - store: Where windows live.
    ///   - configured: The windows of the files under `maintenance/`.
    ///   - muter: The muter to keep up to date.
    ///   - pollInterval: How often the store's revision is read.
    ///   - logger: The agent's logger.
    ///   - now: The wall clock.
    public init(
        store: any MaintenanceStore,
        configured: [MaintenanceWindowDraft],
        muter: MaintenanceMuter,
        pollInterval: Duration = .seconds(5),
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.configured = configured
        self.muter = muter
        self.pollInterval = pollInterval
        self.logger = logger
        self.now = now
    }

    /// Applies the windows of `maintenance_dir` as a reloaded configuration has them: windows added to the files
    /// are created, edited ones changed, removed ones deleted, and the muter takes the result at once.
    /// - Parameter windows: The windows of the files under `maintenance/`.
    /// - Throws: `StoreError` when the store cannot be read or written.
    public func apply(configured windows: [MaintenanceWindowDraft]) async throws(StoreError) {
        configured = windows
        try await prepare()
    }

    /// Applies the windows from files and loads every window: called before the first alert is evaluated, so a
    /// restart inside a window never pages.
    /// - Throws: `StoreError` when the store cannot be read or written.
    public func prepare() async throws(StoreError) {
        let sync = try await store.syncConfiguredMaintenance(configured, at: now())
        if sync != MaintenanceSync() {
            logger.notice(
                "maintenance windows from files applied",
                metadata: [
                    "maintenance.created": "\(sync.created)", "maintenance.edited": "\(sync.edited)",
                    "maintenance.deleted": "\(sync.deleted)",
                ])
        }
        try await reload()
    }

    /// Reads the windows now, if any changed since the last read.
    /// - Throws: `StoreError` when the store cannot be read.
    public func reload() async throws(StoreError) {
        let current = try await store.maintenanceRevision()
        guard current != revision else { return }
        windows = try await store.maintenanceWindows()
        revision = current
        muter.update(MaintenanceCalendar(windows: windows))
        logger.info("maintenance windows loaded", metadata: ["maintenance.windows": "\(windows.count)"])
        publish()
    }

    /// Polls the store until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                try await reload()
            } catch {
                logger.warning(
                    "cannot read maintenance windows; keeping the ones loaded", metadata: ["error": "\(error)"])
            }
            publish()
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// `vedetta_maintenance_active{window="12"}` 1 while an occurrence is in progress, else 0.
    private func publish() {
        let active = Set(muter.active(at: now()).windows.map(\.window.id))
        let known = Set(windows.map(\.id))
        for id in known.union(published) {
            Gauge(label: "vedetta_maintenance_active", dimensions: [("window", String(id))])
                .record(active.contains(id) ? 1 : 0)
        }
        published = known
    }
}

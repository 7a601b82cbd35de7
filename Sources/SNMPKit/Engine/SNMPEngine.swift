public import Logging
public import ServiceLifecycle
import Synchronization
public import VedettaCore

/// Asynchronous SNMPv1/v2c requests over net-snmp: GET, GETNEXT and walks, many in flight at once.
///
/// All net-snmp work happens on one dedicated event-loop thread shared by every engine in the process; calls
/// here just queue a request and suspend until its response, timeout or failure. A dead or slow agent therefore
/// delays only the requests sent to it. Cancelling the awaiting task resumes it at once with
/// ``SNMPError/Code/cancelled`` and drops the request.
///
/// ```swift
/// let engine = SNMPEngine(logger: logger)
/// let target = SNMPTargetSettings(host: "192.0.2.10", community: Secret("public"))
/// let rows = try await engine.walk(OID("1.3.6.1.2.1.2.2")!, from: target, maxRepetitions: 25)
/// ```
public final class SNMPEngine: Service, Sendable {
    private struct Registry {
        var operations: [UInt64: SNMPOperation] = [:]
        var isShutDown = false
    }

    private let logger: Logger
    private let loop: SNMPEventLoop
    private let registry = Mutex(Registry())
    /// This engine's identity in the loop: its sessions serve only its operations.
    private let id: UInt64
    private static let nextID = Atomic<UInt64>(1)

    /// Creates an engine.
    /// - Parameter logger: Receives debug messages about failed requests, with `snmp.target` metadata.
    public init(logger: Logger) {
        self.logger = logger
        self.loop = SNMPEventLoop.shared
        self.id = Self.nextID.add(1, ordering: .relaxed).oldValue
    }

    /// Serves requests until graceful shutdown, then shuts down: the agent runs the engine as one of its services,
    /// stopped after the services that use it.
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }

    deinit {
        shutdown()
    }

    /// The net-snmp sessions (sockets) this engine holds open: in use by its requests, or kept idle between polls
    /// for its next requests to the same agents. Other engines' sessions are not counted, nor ever shared.
    public func openSessionCount() async -> Int {
        await loop.sessionCount(owner: id)
    }

    /// Fails every request in flight with ``SNMPError/Code/cancelled``, refuses new ones and closes the engine's
    /// sessions. Idempotent; never blocks.
    public func shutdown() {
        let (operations, wasRunning) = registry.withLock { registry in
            defer {
                registry.isShutDown = true
                registry.operations.removeAll()
            }
            return (Array(registry.operations.values), !registry.isShutDown)
        }
        for operation in operations where operation.cancel(detail: "the SNMP engine shut down") {
            loop.cancel(operation.id)
        }
        if wasRunning { loop.release(owner: id) }
    }

    /// Fetches the given instance OIDs with one GET request.
    ///
    /// Objects the agent lacks come back as ``SNMPValue/noSuchObject`` / ``SNMPValue/noSuchInstance`` on v2c;
    /// on v1 the whole request fails with a `noSuchName` ``SNMPError/errorStatus`` naming the first missing OID.
    /// - Parameters:
    ///   - oids: Instance OIDs (e.g. `1.3.6.1.2.1.1.3.0`); keep it to a few dozen per call.
    ///   - target: The agent, version, community, timeout and retries.
    /// - Throws: ``SNMPError`` on timeout, send failure, an error-status, or cancellation.
    /// - Returns: One variable binding per OID, in order.
    public func get(_ oids: [OID], from target: SNMPTargetSettings) async throws(SNMPError) -> [SNMPVarBind] {
        try await perform(.get(oids), on: target).varBinds
    }

    /// Fetches the successor of each given OID with one GETNEXT request.
    /// - Parameters:
    ///   - oids: The OIDs to step from.
    ///   - target: The agent, version, community, timeout and retries.
    /// - Throws: ``SNMPError`` on timeout, send failure, an error-status, or cancellation.
    /// - Returns: One variable binding per OID, in order.
    public func getNext(_ oids: [OID], from target: SNMPTargetSettings) async throws(SNMPError) -> [SNMPVarBind] {
        try await perform(.getNext(oids), on: target).varBinds
    }

    /// Walks the subtree under `root`: GETBULK on v2c, GETNEXT on v1.
    ///
    /// Stops at the end of the subtree, at `endOfMibView`, or (v1) at `noSuchName`. An agent that answers with
    /// an OID not after the previous one fails the walk with ``SNMPError/Code/nonIncreasingOID`` instead of
    /// looping; a `tooBig` answer halves `maxRepetitions` and retries.
    /// - Parameters:
    ///   - root: The subtree, e.g. `1.3.6.1.2.1.2.2` (ifTable) or one column.
    ///   - target: The agent, version, community, timeout and retries (per request of the walk).
    ///   - maxRepetitions: GETBULK max-repetitions (ignored on v1).
    /// - Throws: ``SNMPError``; the variable bindings collected so far are not returned on failure.
    /// - Returns: Every variable binding under `root`, in walk order (which is OID order).
    public func walk(
        _ root: OID,
        from target: SNMPTargetSettings,
        maxRepetitions: Int = 25
    ) async throws(SNMPError) -> [SNMPVarBind] {
        try await perform(.walk(root: root, maxRepetitions: maxRepetitions), on: target).varBinds
    }

    /// Walks several columns of a table side by side: each GETBULK (GETNEXT on v1) asks for the next rows of every
    /// column not finished yet, so a table costs about `rows × columns / values-per-response` requests instead of
    /// a walk per column, and reads past the end of each column by at most one response.
    ///
    /// Each column stops like ``walk(_:from:maxRepetitions:)``: at the end of its subtree, at `endOfMibView`, or
    /// (v1) at `noSuchName`; a column answered out of order fails the whole walk with
    /// ``SNMPError/Code/nonIncreasingOID``. Up to 16 columns go in one GETBULK (32 in one SNMPv1 GETNEXT), the last
    /// ones sized to the agent's cap on an answer's values once an answer has shown it; `tooBig` halves
    /// max-repetitions.
    /// - Parameters:
    ///   - roots: Column OIDs (e.g. ifDescr `1.3.6.1.2.1.2.2.1.2` and ifHCInOctets `1.3.6.1.2.1.31.1.1.1.6`);
    ///     duplicates are walked once, and a root inside another root's subtree is walked on its own.
    ///   - target: The agent, version, community, timeout and retries (per request of the walk).
    ///   - maxRepetitions: GETBULK max-repetitions: rows asked per column and request (ignored on v1).
    ///   - expectedSizes: Per root, in the order of `roots`, the size of the column at the previous walk
    ///     (``SNMPColumn/size``): each column is given room for it at once instead of growing row by row. Ignored
    ///     unless there is one per root.
    /// - Throws: ``SNMPError``; nothing is returned on failure.
    /// - Returns: The rows under each root, in OID order (an empty column when there are none).
    public func walkColumns(
        _ roots: [OID],
        from target: SNMPTargetSettings,
        maxRepetitions: Int = 25,
        expectedSizes: [SNMPColumn.Size] = []
    ) async throws(SNMPError) -> [OID: SNMPColumn] {
        var seen = Set<OID>()
        let unique = roots.filter { seen.insert($0).inserted }
        let nested = unique.filter { root in unique.contains { $0 != root && root.hasPrefix($0) } }
        let together = unique.filter { !nested.contains($0) }
        var result: [OID: SNMPColumn] = [:]
        if !together.isEmpty {
            var sizes: [SNMPColumn.Size] = []
            if expectedSizes.count == roots.count {
                // Usually every root is walked together, in order: the sizes as they are, nothing looked up.
                if together.count == roots.count {
                    sizes = expectedSizes
                } else {
                    let byRoot = Dictionary(zip(roots, expectedSizes), uniquingKeysWith: { first, _ in first })
                    sizes = together.compactMap { byRoot[$0] }
                }
            }
            let kind = SNMPRequestKind.walkColumns(
                roots: together, maxRepetitions: maxRepetitions, expectedSizes: sizes)
            let walked = try await perform(kind, on: target).columns
            for (index, root) in together.enumerated() {
                result[root] = index < walked.count ? walked[index] : SNMPColumn(root: root)
            }
        }
        for root in nested {
            result[root] = try await walkColumn(root, from: target, maxRepetitions: maxRepetitions)
        }
        return result
    }

    /// Walks one column (or any subtree) like ``walk(_:from:maxRepetitions:)``, its rows kept as a column: each
    /// row's index after `root` and its value, without an OID per row.
    /// - Parameters:
    ///   - root: The column OID, e.g. ifDescr `1.3.6.1.2.1.2.2.1.2`.
    ///   - target: The agent, version, community, timeout and retries (per request of the walk).
    ///   - maxRepetitions: GETBULK max-repetitions (ignored on v1).
    /// - Throws: ``SNMPError``; nothing is returned on failure.
    /// - Returns: The rows under `root`, in OID order.
    public func walkColumn(
        _ root: OID,
        from target: SNMPTargetSettings,
        maxRepetitions: Int = 25
    ) async throws(SNMPError) -> SNMPColumn {
        let walked = try await perform(.walkColumns(roots: [root], maxRepetitions: maxRepetitions), on: target)
        return walked.columns.first ?? SNMPColumn(root: root)
    }

    /// Runs one request: its variable bindings, or one column per root for a column walk.
    private func perform(_ kind: SNMPRequestKind, on settings: SNMPTargetSettings) async throws(SNMPError)
        -> SNMPOperation.Output
    {
        do {
            return try await performRequest(kind, on: settings)
        } catch {
            var labelled = error
            labelled.version = settings.version
            throw labelled
        }
    }

    private func performRequest(_ kind: SNMPRequestKind, on settings: SNMPTargetSettings) async throws(SNMPError)
        -> SNMPOperation.Output
    {
        guard !Task.isCancelled else {
            throw SNMPError(.cancelled, target: settings.address, oid: kind.subject, detail: "the task was cancelled")
        }
        let peer = try await SNMPAddressResolver.peer(for: settings)
        var logger = self.logger
        logger[metadataKey: "snmp.target"] = "\(settings.address)"
        let operation = SNMPOperation(kind: kind, settings: settings, peer: peer, owner: id, logger: logger)
        let registered = registry.withLock { registry in
            guard !registry.isShutDown else { return false }
            registry.operations[operation.id] = operation
            return true
        }
        guard registered else {
            throw SNMPError(.cancelled, target: settings.address, oid: kind.subject, detail: "the engine is shut down")
        }
        defer { _ = registry.withLock { $0.operations.removeValue(forKey: operation.id) } }
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if operation.attach(continuation) { loop.submit(operation) }
            }
        } onCancel: {
            if operation.cancel(detail: "the task was cancelled") { loop.cancel(operation.id) }
        }
        return try result.get()
    }
}

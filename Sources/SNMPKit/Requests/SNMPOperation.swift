import Logging
import Synchronization

/// One caller request in flight: what to do, and the continuation that resumes the awaiting task exactly once.
///
/// Shared between the awaiting task (which may cancel it) and the event loop (which completes it); the only
/// mutable state is behind a `Mutex`.
final class SNMPOperation: Sendable {
    /// What a request that succeeded hands back.
    enum Output: Sendable {
        /// A GET, GETNEXT or walk: the variable bindings, in order.
        case varBinds([SNMPVarBind])
        /// A column walk: one column per root, in the order of the roots.
        case columns([SNMPColumn])

        /// The variable bindings (every column's rows, column after column, for a column walk).
        var varBinds: [SNMPVarBind] {
            switch self {
            case .varBinds(let varBinds): varBinds
            case .columns(let columns): columns.flatMap(\.varBinds)
            }
        }

        /// The columns of a column walk (none for another request).
        var columns: [SNMPColumn] {
            switch self {
            case .varBinds: []
            case .columns(let columns): columns
            }
        }
    }

    /// Unique within the process; used to find the operation on the event loop.
    let id: UInt64
    /// What to do.
    let kind: SNMPRequestKind
    /// The agent and its timeout/retries.
    let settings: SNMPTargetSettings
    /// The numeric net-snmp transport address of the agent.
    let peer: String
    /// The engine's logger, with `snmp.target` metadata.
    let logger: Logger
    /// The engine that started the operation: its sessions serve only that engine's operations.
    let owner: UInt64

    private struct State {
        var continuation: CheckedContinuation<Result<SNMPOperation.Output, SNMPError>, Never>?
        var outcome: Result<SNMPOperation.Output, SNMPError>?
    }

    private let state = Mutex(State())
    private static let nextID = Atomic<UInt64>(1)

    init(kind: SNMPRequestKind, settings: SNMPTargetSettings, peer: String, owner: UInt64, logger: Logger) {
        self.owner = owner
        self.id = SNMPOperation.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.kind = kind
        self.settings = settings
        self.peer = peer
        self.logger = logger
    }

    /// Whether the operation already has its outcome (completed, failed or cancelled).
    var isFinished: Bool { state.withLock { $0.outcome != nil } }

    /// Stores the continuation. Returns `false`, resuming it at once, when the operation already finished
    /// (cancelled before it was submitted, or the engine is shut down): the caller must then not submit it.
    func attach(_ continuation: CheckedContinuation<Result<SNMPOperation.Output, SNMPError>, Never>) -> Bool {
        let early: Result<SNMPOperation.Output, SNMPError>? = state.withLock { state in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    /// Sets the outcome and resumes the awaiting task, once; later calls are ignored.
    /// - Returns: Whether this call set the outcome.
    @discardableResult
    func finish(_ outcome: Result<SNMPOperation.Output, SNMPError>) -> Bool {
        let continuation: CheckedContinuation<Result<SNMPOperation.Output, SNMPError>, Never>?? = state.withLock {
            state in
            guard state.outcome == nil else { return .none }
            state.outcome = outcome
            defer { state.continuation = nil }
            return .some(state.continuation)
        }
        guard case .some(let waiting) = continuation else { return false }
        waiting?.resume(returning: outcome)
        return true
    }

    /// Finishes with a ``SNMPError/Code/cancelled`` error.
    @discardableResult
    func cancel(detail: String) -> Bool {
        finish(.failure(SNMPError(.cancelled, target: settings.address, oid: kind.subject, detail: detail)))
    }
}

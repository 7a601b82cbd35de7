import SNMPKit
import Synchronization

/// The bounded queue between the trap receiver's thread and the intake task. The thread appends without ever
/// waiting and rings a doorbell; the task takes everything waiting at once, so a burst costs one task wake-up
/// and one trip through the alerting pipeline per batch, not per trap.
final class TrapQueue: Sendable {
    private struct State {
        var traps: [SNMPTrap] = []
        var closed = false
    }

    /// The most notifications that may wait.
    let limit: Int
    /// Rings (at most one ring waiting) when notifications were appended; finishes when the queue is closed.
    let rings: AsyncStream<Void>
    private let doorbell: AsyncStream<Void>.Continuation
    private let state = Mutex(State())

    /// Creates an empty queue holding at most `limit` notifications.
    init(limit: Int) {
        self.limit = max(1, limit)
        (rings, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// What became of a notification offered to the queue.
    enum Append {
        case appended
        /// The queue holds `limit` notifications already.
        case full
        /// The intake is shutting down.
        case closed
    }

    /// Appends `trap` unless the queue is full or closed.
    func append(_ trap: SNMPTrap) -> Append {
        let outcome = state.withLock { state -> Append in
            guard !state.closed else { return .closed }
            guard state.traps.count < limit else { return .full }
            state.traps.append(trap)
            return .appended
        }
        if outcome == .appended { doorbell.yield() }
        return outcome
    }

    /// Everything waiting, oldest first, leaving the queue empty.
    func takeAll() -> [SNMPTrap] {
        state.withLock { state in
            defer { state.traps.removeAll(keepingCapacity: true) }
            return state.traps
        }
    }

    /// Refuses further notifications and ends `rings` once what waits has been taken.
    func close() {
        state.withLock { $0.closed = true }
        doorbell.finish()
    }
}

import Synchronization

/// A counting semaphore for async code: at most `limit` holders at once, waiters served in order.
/// Cancellation of a waiting task makes ``acquire()`` throw `CancellationError` and frees its place in line.
final class ConcurrencyLimiter: Sendable {
    private struct State {
        var limit: Int
        /// Free slots; below zero after the limit was lowered while more were taken.
        var available: Int
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(limit: Int) {
        self.state = Mutex(State(limit: max(1, limit), available: max(1, limit)))
    }

    /// Changes the limit (a configuration reload): a higher one lets waiters in at once; a lower one takes effect
    /// as holders release their slots.
    func setLimit(_ limit: Int) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            let limit = max(1, limit)
            state.available += limit - state.limit
            state.limit = limit
            var woken: [CheckedContinuation<Void, any Error>] = []
            while state.available > 0, !state.waiters.isEmpty {
                state.available -= 1
                woken.append(state.waiters.removeFirst().continuation)
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits for a free slot.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.available > 0 {
                        state.available -= 1
                        return .success(())
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Frees a slot, waking the longest waiter if any.
    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty || state.available < 0 {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume()
    }
}

import Synchronization

/// A continuation resumed exactly once: by the answer, or at once by cancellation, whichever comes first; the
/// later one is dropped. The answer may also come before anyone waits.
public final class ResumeOnce<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var value: Value?
        var isDone = false
    }

    private let state = Mutex(State())

    /// Creates a waiter with nothing yet.
    public init() {}

    /// Waits for the value; `start` runs once the continuation is stored (to send the work off).
    public func wait(then start: () -> Void) async -> Value {
        await withCheckedContinuation { continuation in
            let early: Value? = state.withLock { state in
                if let value = state.value { return value }
                state.continuation = continuation
                return nil
            }
            if let early {
                continuation.resume(returning: early)
            } else {
                start()
            }
        }
    }

    /// Resumes the waiter with `value` unless it was already resumed.
    /// - Returns: Whether this call was the first.
    @discardableResult
    public func resume(_ value: Value) -> Bool {
        let continuation: CheckedContinuation<Value, Never>?? = state.withLock { state in
            guard !state.isDone else { return .none }
            state.isDone = true
            guard let continuation = state.continuation.take() else {
                state.value = value
                return .some(nil)
            }
            return .some(continuation)
        }
        guard let waiting = continuation else { return false }
        waiting?.resume(returning: value)
        return true
    }
}

import Synchronization

/// A value built at most once per interval and shared by every request within it: the wallboard (however many
/// wall screens watch it) and the devices list's rows (however many people page through it). Freshness is
/// measured on the monotonic clock, so a change of the wall clock neither freezes nor floods it.
final class SharedSnapshot<Value: Sendable>: Sendable {
    private let last = Mutex<(value: Value, at: ContinuousClock.Instant)?>(nil)
    private let lifetime: Duration

    /// A snapshot that serves a value for `lifetime` after it was built.
    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The value built less than the lifetime ago, or a new one from `build` (which every caller then shares).
    /// Two callers that find it stale at once may both build; the later one is kept.
    func value(build: () async throws -> Value) async rethrows -> Value {
        let now = ContinuousClock.now
        if let fresh = last.withLock({ last in last.flatMap { now - $0.at < lifetime ? $0.value : nil } }) {
            return fresh
        }
        let value = try await build()
        last.withLock { $0 = (value, ContinuousClock.now) }
        return value
    }
}

/// When to try a failed delivery again: exponential backoff from `initial`, doubling up to `maximum`,
/// giving up after `maxAttempts` (about a day with the defaults).
public struct RetryPolicy: Sendable, Equatable {
    /// Delay after the first failure.
    public var initial: Duration
    /// The longest delay.
    public var maximum: Duration
    /// Attempts after which the notification is abandoned.
    public var maxAttempts: Int

    /// Creates a policy.
    public init(initial: Duration = .seconds(2), maximum: Duration = .seconds(300), maxAttempts: Int = 300) {
        self.initial = initial
        self.maximum = maximum
        self.maxAttempts = maxAttempts
    }

    /// The delay before the next attempt after `attempts` failed ones, or `nil` to give up.
    public func delay(afterAttempts attempts: Int) -> Duration? {
        guard attempts < maxAttempts else { return nil }
        var delay = initial
        for _ in 1..<max(1, attempts) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }
}

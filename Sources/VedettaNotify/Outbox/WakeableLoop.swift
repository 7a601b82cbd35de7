/// The loop of a service that works when woken or when its timer fires, whichever comes first: the outbox
/// dispatcher and the escalator. Wake-ups coalesce (at most one waits), so a burst of them costs one round of work.
struct WakeableLoop: Sendable {
    private let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (wakeups, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a round of work now.
    func wake() {
        continuation.yield()
    }

    /// Does `work` once at once, then after every wake-up and whenever `delay()` has passed since the timer last
    /// fired, until the task is cancelled.
    /// - Parameters:
    ///   - delay: How long the timer sleeps before the next round (asked before each sleep).
    ///   - work: One round of work.
    func run(delay: @escaping @Sendable () async -> Duration, work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [continuation] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: await delay())
                    continuation.yield()
                }
            }
            await work()
            for await _ in wakeups {
                if Task.isCancelled { break }
                await work()
            }
            group.cancelAll()
        }
    }
}

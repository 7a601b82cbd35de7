import Synchronization
import Testing

@testable import VedettaProbes

/// The scheduler's slots: at most `limit` holders, and a limit a reload changes while runs hold slots.
@Suite("ConcurrencyLimiter")
struct ConcurrencyLimiterTests {
    /// Counts the tasks that got a slot.
    private final class Holders: Sendable {
        private let count = Mutex(0)
        func increment() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// Waits (bounded, in real time) until `holders` reaches `count`, then a little longer to catch an extra one.
    private static func settle(_ holders: Holders, at count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while holders.value < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        try await Task.sleep(for: .milliseconds(20))
    }

    @Test("a higher limit lets waiters in at once; a lower one takes effect as holders release their slots")
    func changedLimit() async throws {
        let limiter = ConcurrencyLimiter(limit: 2)
        let holders = Holders()
        let tasks = (0..<6).map { _ in
            Task {
                try await limiter.acquire()
                holders.increment()
            }
        }
        defer { for task in tasks { task.cancel() } }
        try await Self.settle(holders, at: 2)
        #expect(holders.value == 2)
        limiter.setLimit(4)
        try await Self.settle(holders, at: 4)
        #expect(holders.value == 4, "two more got in")
        limiter.setLimit(1)  // four hold slots: three must be released before anyone else gets one
        for _ in 0..<3 { limiter.release() }
        try await Self.settle(holders, at: 5)
        #expect(holders.value == 4)
        limiter.release()  // the last of the four: one slot free under the new limit
        try await Self.settle(holders, at: 5)
        #expect(holders.value == 5)
        limiter.release()
        try await Self.settle(holders, at: 6)
        #expect(holders.value == 6)
    }
}

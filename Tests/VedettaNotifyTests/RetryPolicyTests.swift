import Testing
import VedettaNotify

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("backs off exponentially up to the maximum, then gives up after maxAttempts")
    func backoff() {
        let policy = RetryPolicy(initial: .seconds(2), maximum: .seconds(60), maxAttempts: 10)
        #expect(policy.delay(afterAttempts: 1) == .seconds(2))
        #expect(policy.delay(afterAttempts: 2) == .seconds(4))
        #expect(policy.delay(afterAttempts: 3) == .seconds(8))
        #expect(policy.delay(afterAttempts: 6) == .seconds(60))
        #expect(policy.delay(afterAttempts: 9) == .seconds(60))
        #expect(policy.delay(afterAttempts: 10) == nil)
    }
}

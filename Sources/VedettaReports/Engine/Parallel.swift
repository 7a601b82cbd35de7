import Dispatch
import Synchronization

/// Runs two pieces of work at once on two threads and waits for both. A report over a year of a large log
/// splits its passes in halves, one per core.
enum Parallel {
    /// The results of `first` and `second`, run at once.
    static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let results = Mutex<(A?, B?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = first()
                results.withLock { $0.0 = result }
            } else {
                let result = second()
                results.withLock { $0.1 = result }
            }
        }
        let (firstResult, secondResult) = results.withLock { ($0.0, $0.1) }
        // Both ran before concurrentPerform returned; running again here only keeps this free of force-unwraps.
        return (firstResult ?? first(), secondResult ?? second())
    }
}

import Metrics
import Synchronization
import VedettaCore

/// The hand-off between polling and the alerting core: the poller submits each report and never waits; the
/// alerting service takes them in order.
///
/// **Bounded by construction.** The queue holds at most one report per device and source (probe kind). When a
/// device's next report arrives before its previous one was taken (the incident store is slow, the disk stalls),
/// the newer report replaces the older one, which is counted in `vedetta_alerting_reports_replaced_total`:
/// rules then see the newest samples, `for:` holds are unaffected (they are measured in time, not in reports), and a
/// `rate()` spans the longer interval. A counter restart reported by the replaced report is carried over to its
/// replacement, so rates are still started over. The queue never holds more reports than there are configured checks,
/// and a slow disk never slows polling.
public final class ReportQueue: Sendable {
    private struct Key: Hashable {
        var device: DeviceID
        var source: String
    }

    private struct State {
        var order: [Key] = []
        var head = 0
        var waiting: [Key: SampleReport] = [:]
        var consumer: CheckedContinuation<SampleReport?, Never>?
        var isFinished = false

        mutating func takeFirst() -> SampleReport? {
            while head < order.count {
                let key = order[head]
                head += 1
                if let report = waiting.removeValue(forKey: key) {
                    compactIfNeeded()
                    return report
                }
            }
            compactIfNeeded()
            return nil
        }

        private mutating func compactIfNeeded() {
            guard head > 1024, head * 2 > order.count else { return }
            order.removeFirst(head)
            head = 0
        }
    }

    private let state = Mutex(State())

    /// Creates an empty queue.
    public init() {}

    /// Queues `report`, replacing a report of the same device and source that is still waiting.
    /// - Parameter report: The report.
    /// - Returns: `true` when it replaced a waiting report.
    @discardableResult
    public func submit(_ report: SampleReport) -> Bool {
        let key = Key(device: report.device, source: report.source)
        let (consumer, replaced) = state.withLock { state -> (CheckedContinuation<SampleReport?, Never>?, Bool) in
            guard !state.isFinished else { return (nil, false) }
            if let consumer = state.consumer {
                state.consumer = nil
                return (consumer, false)
            }
            var report = report
            let earlier = state.waiting[key]
            // A restart seen in the replaced report still happened: the rules must forget its rates.
            if earlier?.countersRestarted == true { report.countersRestarted = true }
            state.waiting[key] = report
            if earlier == nil { state.order.append(key) }
            return (nil, earlier != nil)
        }
        if let consumer {
            consumer.resume(returning: report)
        } else if replaced {
            Counter(label: "vedetta_alerting_reports_replaced_total").increment()
        }
        return replaced
    }

    /// The next report, oldest first; waits for one. Returns `nil` once the queue is finished or the calling task
    /// is cancelled.
    public func next() async -> SampleReport? {
        if let ready = state.withLock({ $0.takeFirst() }) { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: SampleReport?? = state.withLock { state in
                    if let ready = state.takeFirst() { return .some(ready) }
                    if state.isFinished || Task.isCancelled { return .some(nil) }
                    state.consumer = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            finish()
        }
    }

    /// Ends the queue: waiting reports are dropped and ``next()`` returns `nil`.
    public func finish() {
        let consumer = state.withLock { state -> CheckedContinuation<SampleReport?, Never>? in
            state.isFinished = true
            state.waiting = [:]
            state.order = []
            state.head = 0
            defer { state.consumer = nil }
            return state.consumer
        }
        consumer?.resume(returning: nil)
    }

    /// How many reports wait.
    public var count: Int { state.withLock { $0.waiting.count } }
}

import Testing
import VedettaCore

@Suite("BoundedWorkQueue")
struct BoundedWorkQueueTests {
    /// A poll of a device (may be dropped) or an order to forget (must be kept).
    enum Work: Sendable, Equatable {
        case poll(Int)
        case forget(Int)

        var isForget: Bool {
            if case .forget = self { return true }
            return false
        }
    }

    func drained(_ queue: BoundedWorkQueue<Work>) async -> [Work] {
        queue.finish()
        var handled: [Work] = []
        for await work in queue.elements { handled.append(work) }
        return handled
    }

    @Test("below its capacity, the queue hands everything over in order")
    func inOrder() async {
        let queue = BoundedWorkQueue<Work>(capacity: 10, keeps: \.isForget)
        for work in [Work.poll(1), .forget(1), .poll(2)] { queue.push(work) }
        #expect(await drained(queue) == [.poll(1), .forget(1), .poll(2)])
    }

    @Test("when full, the oldest polls go and a forget waiting in front is put back, not lost")
    func keepsTheForget() async {
        let queue = BoundedWorkQueue<Work>(capacity: 3, keeps: \.isForget)
        queue.push(.forget(1))
        for poll in 1...5 { queue.push(.poll(poll)) }
        // [forget] → [forget, 1, 2] → 3 drops the forget, which goes back and drops 1 → [2, 3, forget] → 4 and 5
        // drop 2 and 3.
        #expect(await drained(queue) == [.forget(1), .poll(4), .poll(5)])
    }

    @Test("a queue holding nothing but kept work still ends a push: the last one put back goes")
    func boundedWhenEverythingIsKept() async {
        let queue = BoundedWorkQueue<Work>(capacity: 2, keeps: \.isForget)
        for order in 1...3 { queue.push(.forget(order)) }
        #expect(await drained(queue).count == 2)
    }
}

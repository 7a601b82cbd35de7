/// The loop's timers: a binary min-heap of events by due time (nanoseconds on `CLOCK_MONOTONIC`), in order of
/// insertion among equals.
struct TimerQueue {
    enum Event: Equatable {
        /// Send the next request of an operation.
        case send(operation: UInt64)
        /// A request's wait for its reply is over.
        case expire(sequence: UInt16, token: UInt64)
    }

    private struct Entry {
        var due: UInt64
        var order: UInt64
        var event: Event

        func precedes(_ other: Entry) -> Bool { due != other.due ? due < other.due : order < other.order }
    }

    private var heap: [Entry] = []
    private var nextOrder: UInt64 = 0

    /// The earliest due time, when there is a timer.
    var nextDue: UInt64? { heap.first?.due }
    /// The number of timers.
    var count: Int { heap.count }

    /// Adds `event`, due at `due`.
    mutating func schedule(_ event: Event, at due: UInt64) {
        heap.append(Entry(due: due, order: nextOrder, event: event))
        nextOrder &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event due at or before `now`.
    mutating func popDue(at now: UInt64) -> Event? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.event
    }
}

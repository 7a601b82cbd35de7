/// An event loop's timers: a binary min-heap of events by due time (nanoseconds on `CLOCK_MONOTONIC`), in order
/// of insertion among equals.
public struct TimerQueue<Event> {
    private struct Entry {
        var due: UInt64
        var order: UInt64
        var event: Event

        func precedes(_ other: Entry) -> Bool { due != other.due ? due < other.due : order < other.order }
    }

    private var heap: [Entry] = []
    private var nextOrder: UInt64 = 0

    /// The earliest due time, when there is a timer.
    public var nextDue: UInt64? { heap.first?.due }
    /// The number of timers.
    public var count: Int { heap.count }

    /// An empty queue.
    public init() {}

    /// Adds `event`, due at `due`.
    public mutating func schedule(_ event: Event, at due: UInt64) {
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
    public mutating func popDue(at now: UInt64) -> Event? {
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

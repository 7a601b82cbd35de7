/// A min-heap of (probe index, due offset from the scheduler's start): the scheduler's agenda.
struct DueQueue {
    private var heap: [(index: Int, due: Duration)] = []

    var isEmpty: Bool { heap.isEmpty }

    /// The earliest entry, left in the queue.
    var first: (index: Int, due: Duration)? { heap.first }

    mutating func insert(index: Int, due: Duration) {
        heap.append((index, due))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> (index: Int, due: Duration)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].due < heap[smallest].due { smallest = left }
            if right < heap.count, heap[right].due < heap[smallest].due { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}

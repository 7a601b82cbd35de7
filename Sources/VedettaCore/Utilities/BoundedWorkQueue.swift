/// Work handed from code that must not wait to one consumer task, in order, bounded: when the queue is full, the
/// oldest element goes, unless it is one that must be kept (``init(capacity:keeps:)``), which goes back at the
/// end instead. For a stream of polls (the next poll brings the same facts, so an old one may go) with orders
/// among them that must not be lost (forget these devices).
///
/// An element put back at the end is handled later than it was handed over: kept elements should say something
/// that stays true later (a whole set, not a difference), or carry a generation the consumer checks.
public struct BoundedWorkQueue<Element: Sendable>: Sendable {
    /// The elements, in the order they were handed over (kept elements that were put back, later).
    public let elements: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation
    private let keeps: @Sendable (Element) -> Bool
    private let capacity: Int

    /// A queue of at most `capacity` waiting elements.
    ///
    /// - Parameters:
    ///   - capacity: The most elements waiting; at least 1.
    ///   - keeps: Whether an element must never be dropped.
    public init(capacity: Int, keeps: @escaping @Sendable (Element) -> Bool) {
        self.capacity = max(capacity, 1)
        (elements, continuation) = AsyncStream.makeStream(
            of: Element.self, bufferingPolicy: .bufferingNewest(self.capacity))
        self.keeps = keeps
    }

    /// Hands `element` over; never waits. When the queue was full, the oldest element is dropped, or put back at
    /// the end when it must be kept (which may drop the next oldest, and so on: at most `capacity` times, after
    /// which every waiting element is one that must be kept and the last one put back is dropped).
    ///
    /// - Parameter element: The work.
    public func push(_ element: Element) {
        var next = element
        var attempts = 0
        while case .dropped(let oldest) = continuation.yield(next), keeps(oldest), attempts < capacity {
            attempts += 1
            next = oldest
        }
    }

    /// Ends the stream after the elements waiting.
    public func finish() {
        continuation.finish()
    }
}

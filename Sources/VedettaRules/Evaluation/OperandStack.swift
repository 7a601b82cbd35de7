/// The operand stack of a compiled expression's run (``RuleEvaluator/run(_:_:filter:arena:)``): room is made once
/// per run, for as many operands as the run has instructions (each pushes at most one), so that a push or a pop is
/// a store or a load, with none of an array's uniqueness and capacity checks.
struct OperandStack: Sendable {
    /// The slots, in memory allocated by hand; an operand is a plain value (a number or a range), so slots need no
    /// initializing or deinitializing.
    private final class Storage: @unchecked Sendable {
        let slots: UnsafeMutablePointer<Operand>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
        }

        deinit { slots.deallocate() }

        /// The storage of every stack that has not held an operand yet (it has no room).
        static let empty = Storage(capacity: 0)
    }

    private var storage = Storage.empty
    /// How many operands are on the stack.
    private(set) var count = 0

    /// Empties the stack and makes room for `capacity` operands.
    mutating func reset(capacity: Int) {
        count = 0
        if capacity > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            storage = Storage(capacity: max(16, 2 * capacity))
        }
    }

    /// Pushes an operand; there must be room (``reset(capacity:)``).
    @inline(__always)
    mutating func push(_ operand: Operand) {
        precondition(count < storage.capacity, "operand stack beyond the room made for the run")
        storage.slots[count] = operand
        count += 1
    }

    /// Pops the top operand, if there is one.
    @inline(__always)
    mutating func pop() -> Operand? {
        guard count > 0 else { return nil }
        count -= 1
        return storage.slots[count]
    }

    /// The top operand, if there is one.
    @inline(__always)
    var top: Operand? { count > 0 ? storage.slots[count - 1] : nil }
}

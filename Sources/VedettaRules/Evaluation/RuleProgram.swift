import Foundation
import VedettaCore

/// Rule expressions compiled for evaluation: every distinct selector numbered once (a *slot*), and each expression a
/// tree of operations over slots. One program serves every device of a source; each device's ``RuleEvaluator``
/// matches its series to the slots once, when it first sees them, instead of filtering samples by name and label
/// for every rule on every poll.
public struct RuleProgram: Sendable {
    /// The number of one compiled expression in the program.
    public struct ExpressionID: Sendable, Hashable {
        let index: Int
    }

    /// A selector as the program reads it, with the longest windows any `rate()` or range function reads its series
    /// with (0 when none does), which is how much history each matching series keeps.
    struct Slot: Sendable {
        var selector: SeriesSelector
        var rateWindow: TimeInterval = 0
        var rangeWindow: TimeInterval = 0
        var isAbsent = false
        /// Whether an expression reads the values of its series as they are, and through `rate()`: a series whose
        /// value (or rate) changed marks the slots that read it so (``SeriesTable/hasChanged(_:)``).
        var readsValues = false
        var readsRates = false
        /// The range views of this slot's selector (numbers in ``RuleProgram/rangeViews``).
        var views: [Int] = []
    }

    /// A range function over one selector and window, `f(x[w])`: each matching series keeps it up to date
    /// (``RangeAccumulator``), however many rules read it.
    struct RangeView: Sendable, Hashable {
        var function: RangeFunction
        var slot: Int
        var window: TimeInterval
    }

    /// One compiled expression.
    struct Compiled: Sendable {
        /// Its instructions, in postfix order (see ``Instruction``).
        var code: [Instruction]
        /// The slots of the selectors it reads (not inside `absent(...)`): it has data when one of them has series.
        var dataSlots: [Int]
        /// The slots inside `absent(...)`.
        var absentSlots: [Int]
        /// The slot whose samples' text output a result carries, if any.
        var outputSlot: Int?
        /// `dataSlots` and `absentSlots` as bits (bit `s` for slot `s`), when every one of them is below 64
        /// (``slotsFitBits``): what is asked of them on every poll is then asked of one word
        /// (``SeriesTable/presentSlotBits``, ``SeriesTable/changedSlotBits``).
        var dataSlotBits: UInt64 = 0
        var absentSlotBits: UInt64 = 0
        var slotsFitBits = false
    }

    private(set) var slots: [Slot] = []
    /// The vector matchings (`on`, `ignoring`, `group_*`) and aggregation groupings the instructions refer to.
    private(set) var matchings: [VectorMatching] = []
    private(set) var groupings: [AggregationGrouping] = []
    /// The slots of each metric name.
    private(set) var slotsByName: [String: [Int]] = [:]
    private var slotIndex: [SeriesSelector: Int] = [:]
    private(set) var expressions: [Compiled] = []
    private(set) var rangeViews: [RangeView] = []
    /// The shortest window any `rate()` reads with (∞: none): a rate whose samples are further apart than that may
    /// have changed its result without changing its value (see ``RateHistory/record(_:width:at:shortestWindow:)``).
    private(set) var shortestRateWindow = TimeInterval.infinity
    private var rangeViewIndex: [RangeView: Int] = [:]
    private var expressionIndex: [RuleExpression: ExpressionID] = [:]

    /// An empty program.
    public init() {}

    /// The expression's number in the program, compiling and adding it if it is not there yet.
    /// - Parameter expression: A parsed expression.
    /// - Returns: Its number, for ``RuleEvaluator/evaluate(_:)``.
    public mutating func add(_ expression: RuleExpression) -> ExpressionID {
        if let known = expressionIndex[expression] { return known }
        var code: [Instruction] = []
        compile(expression, into: &code)
        var compiled = Compiled(
            code: code,
            dataSlots: expression.selectors.map { slot(for: $0) },
            absentSlots: expression.absentSelectors.map { slot(for: $0) },
            outputSlot: expression.outputSelector.map { slot(for: $0) })
        if (compiled.dataSlots + compiled.absentSlots).allSatisfy({ $0 < UInt64.bitWidth }) {
            compiled.slotsFitBits = true
            for slot in compiled.dataSlots { compiled.dataSlotBits |= 1 << slot }
            for slot in compiled.absentSlots { compiled.absentSlotBits |= 1 << slot }
        }
        let id = ExpressionID(index: expressions.count)
        expressions.append(compiled)
        expressionIndex[expression] = id
        return id
    }

    /// The number of `expression`, if the program has it.
    func id(of expression: RuleExpression) -> ExpressionID? { expressionIndex[expression] }

    private mutating func slot(for selector: SeriesSelector) -> Int {
        if let known = slotIndex[selector] { return known }
        let index = slots.count
        slots.append(Slot(selector: selector))
        slotIndex[selector] = index
        slotsByName[selector.name, default: []].append(index)
        return index
    }

    /// Appends the instructions of `expression` to `code`.
    private mutating func compile(_ expression: RuleExpression, into code: inout [Instruction]) {
        let start = code.count
        switch expression {
        case .number(let value):
            code.append(Instruction(operation: .number(value), start: start))
        case .selector, .rate, .range:
            guard let source = source(for: expression) else { return }
            code.append(Instruction(operation: .source(source), start: start))
        case .absent(let selector):
            let index = slot(for: selector)
            slots[index].isAbsent = true
            code.append(Instruction(operation: .absent(slot: index), start: start))
        case .negation(let operand):
            compile(operand, into: &code)
            code.append(Instruction(operation: .negation, start: start))
        case .binary(.comparison(let comparison, returnsBool: false), let lhs, let rhs, _)
        where lhs.isSource && rhs.isNumber || lhs.isNumber && rhs.isSource:
            let (series, number) = lhs.isSource ? (lhs, rhs) : (rhs, lhs)
            guard case .number(let value) = number, let source = source(for: series) else { return }
            let operation = Instruction.Operation.filter(source, comparison, value, numberOnLeft: lhs.isNumber)
            code.append(Instruction(operation: operation, start: start))
        case .binary(let operation, let lhs, let rhs, let matching):
            compile(lhs, into: &code)
            let rightStart = code.count
            compile(rhs, into: &code)
            var matchingIndex = -1
            if matching != .default {
                matchingIndex = matchings.count
                matchings.append(matching)
            }
            if operation == .set(.and) || operation == .set(.unless) { code[rightStart].skipTo = code.count }
            code.append(Instruction(operation: .binary(operation, matching: matchingIndex), start: start))
        case .aggregation(let operation, let operand, let grouping):
            compile(operand, into: &code)
            groupings.append(grouping)
            code.append(Instruction(operation: .aggregation(operation, grouping: groupings.count - 1), start: start))
        }
    }

    /// The source of a selector, `rate(...)` or range function, numbering its slot and range view; `nil` for any
    /// other expression.
    private mutating func source(for expression: RuleExpression) -> Source? {
        switch expression {
        case .selector(let selector):
            let index = slot(for: selector)
            slots[index].readsValues = true
            return .select(slot: index)
        case .rate(let selector, let window):
            let index = slot(for: selector)
            slots[index].rateWindow = max(slots[index].rateWindow, window.seconds)
            shortestRateWindow = min(shortestRateWindow, window.seconds)
            slots[index].readsRates = true
            return .rate(slot: index, window: window.seconds)
        case .range(let function, let selector, let window):
            let index = slot(for: selector)
            slots[index].rangeWindow = max(slots[index].rangeWindow, window.seconds)
            let view = RangeView(function: function, slot: index, window: window.seconds)
            if let known = rangeViewIndex[view] { return .range(view: known, slot: index) }
            rangeViewIndex[view] = rangeViews.count
            slots[index].views.append(rangeViews.count)
            rangeViews.append(view)
            return .range(view: rangeViews.count - 1, slot: index)
        default:
            return nil
        }
    }
}

import Foundation
public import VedettaCore

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

    /// One expression's operations.
    indirect enum Plan: Sendable {
        case number(Double)
        case select(Int)
        case rate(Int, window: TimeInterval)
        case range(view: Int, slot: Int)
        case absent(Int)
        case negation(Plan)
        case binary(BinaryOperator, Plan, Plan, matching: VectorMatching)
        case aggregation(AggregationOperator, Plan, grouping: AggregationGrouping)
    }

    /// One compiled expression.
    struct Compiled: Sendable {
        var plan: Plan
        /// The slots of the selectors it reads (not inside `absent(...)`): it has data when one of them has series.
        var dataSlots: [Int]
        /// The slots inside `absent(...)`.
        var absentSlots: [Int]
        /// The slot whose samples' text output a result carries, if any.
        var outputSlot: Int?
    }

    private(set) var slots: [Slot] = []
    /// The slots of each metric name.
    private(set) var slotsByName: [String: [Int]] = [:]
    private var slotIndex: [SeriesSelector: Int] = [:]
    private(set) var expressions: [Compiled] = []
    private(set) var rangeViews: [RangeView] = []
    private var rangeViewIndex: [RangeView: Int] = [:]
    private var expressionIndex: [RuleExpression: ExpressionID] = [:]

    /// An empty program.
    public init() {}

    /// The expression's number in the program, compiling and adding it if it is not there yet.
    /// - Parameter expression: A parsed expression.
    /// - Returns: Its number, for ``RuleEvaluator/evaluate(_:)``.
    public mutating func add(_ expression: RuleExpression) -> ExpressionID {
        if let known = expressionIndex[expression] { return known }
        let compiled = Compiled(
            plan: plan(for: expression),
            dataSlots: expression.selectors.map { slot(for: $0) },
            absentSlots: expression.absentSelectors.map { slot(for: $0) },
            outputSlot: expression.outputSelector.map { slot(for: $0) })
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

    private mutating func plan(for expression: RuleExpression) -> Plan {
        switch expression {
        case .number(let value):
            return .number(value)
        case .selector(let selector):
            return .select(slot(for: selector))
        case .rate(let selector, let window):
            let index = slot(for: selector)
            slots[index].rateWindow = max(slots[index].rateWindow, window.seconds)
            return .rate(index, window: window.seconds)
        case .range(let function, let selector, let window):
            let index = slot(for: selector)
            slots[index].rangeWindow = max(slots[index].rangeWindow, window.seconds)
            let view = RangeView(function: function, slot: index, window: window.seconds)
            if let known = rangeViewIndex[view] { return .range(view: known, slot: index) }
            rangeViewIndex[view] = rangeViews.count
            slots[index].views.append(rangeViews.count)
            rangeViews.append(view)
            return .range(view: rangeViews.count - 1, slot: index)
        case .absent(let selector):
            let index = slot(for: selector)
            slots[index].isAbsent = true
            return .absent(index)
        case .negation(let operand):
            return .negation(plan(for: operand))
        case .binary(let operation, let lhs, let rhs, let matching):
            return .binary(operation, plan(for: lhs), plan(for: rhs), matching: matching)
        case .aggregation(let operation, let operand, let grouping):
            return .aggregation(operation, plan(for: operand), grouping: grouping)
        }
    }
}

import Foundation
import VedettaCore

/// The operations of a compiled expression, on columns.
///
/// Every operation writes its result at the end of the arena (`arenaLabels`, `arenaValues`) and returns its
/// range there; nothing is allocated once the arena has grown to the device's size. Series are identified by the
/// number of their label set, so pairing two operands by labels (`and`, `a / b`) is an array lookup (`marks`),
/// not a hash. Operations that need the labels themselves (`on(...)`, `ignoring(...)`, `group_left`, aggregations)
/// go through ``VectorOperations`` and number the label sets they make.
extension RuleEvaluator {
    /// Evaluates `plan`.
    /// - Parameter filter: For a comparison without `bool` at the top of `plan`, whether to drop the series it does
    ///   not hold for; `false` keeps every series it compares, with the value it would keep (what `clear` measures).
    mutating func run(_ plan: RuleProgram.Plan, filter: Bool) -> Operand {
        switch plan {
        case .number(let value):
            return .scalar(value)
        case .select(let slot):
            let start = arenaLabels.count
            for number in table.members[slot] {
                append(table.labelSetOfSeries[Int(number)], table.values[Int(number)])
            }
            return .vector(start..<arenaLabels.count)
        case .rate(let slot, let window):
            let start = arenaLabels.count
            for number in table.members[slot] {
                if let rate = table.rate(of: number, at: instant, window: window) {
                    append(table.labelSetOfSeries[Int(number)], rate)
                }
            }
            return .vector(start..<arenaLabels.count)
        case .range(let view, let slot):
            let start = arenaLabels.count
            for number in table.members[slot] {
                if let value = table.rangeValue(of: number, view: view) {
                    append(table.labelSetOfSeries[Int(number)], value)
                }
            }
            return .vector(start..<arenaLabels.count)
        case .absent(let slot):
            let start = arenaLabels.count
            if table.members[slot].isEmpty, seenAbsent[slot], pollSucceeded {
                let selector = program.slots[slot].selector
                append(table.number(of: pollLabels.merging(selector.equalityLabels)), 1)
            }
            return .vector(start..<arenaLabels.count)
        case .negation(let operand):
            switch run(operand, filter: true) {
            case .scalar(let value):
                return .scalar(-value)
            case .vector(let range):
                let start = arenaLabels.count
                for index in range { append(arenaLabels[index], -arenaValues[index]) }
                return .vector(start..<arenaLabels.count)
            }
        case .aggregation(let operation, let operand, let grouping):
            guard case .vector(let range) = run(operand, filter: true) else { return .vector(0..<0) }
            return store(VectorOperations.aggregate(operation, vector(range), grouping: grouping))
        case .binary(let operation, let lhs, let rhs, let matching):
            let left = run(lhs, filter: true)
            let right = run(rhs, filter: true)
            return binary(operation, left, right, matching: matching, filter: filter)
        }
    }

    /// What `clear` needs to know `expr` measures: for a comparison without `bool`, every series it compares; for
    /// `and`/`unless`, the left side's; for `or`, both sides' (the left side's first).
    mutating func measure(_ plan: RuleProgram.Plan) -> Range<Int> {
        switch plan {
        case .binary(.comparison(_, returnsBool: false), _, _, _):
            if case .vector(let range) = run(plan, filter: false) { return range }
            return 0..<0
        case .binary(.set(.and), let lhs, _, _), .binary(.set(.unless), let lhs, _, _):
            return measure(lhs)
        case .binary(.set(.or), let lhs, let rhs, _):
            let left = measure(lhs)
            let right = measure(rhs)
            return union(left, right)
        default:
            if case .vector(let range) = run(plan, filter: true) { return range }
            return 0..<0
        }
    }

    private mutating func binary(
        _ operation: BinaryOperator, _ left: Operand, _ right: Operand, matching: VectorMatching, filter: Bool
    ) -> Operand {
        switch (left, right) {
        case (.scalar(let l), .scalar(let r)):  // the parser computes these; kept for completeness
            switch operation {
            case .arithmetic(let arithmetic): return .scalar(arithmetic.apply(l, r))
            case .comparison(let comparison, _): return .scalar(comparison.holds(l, r) ? 1 : 0)
            case .set: return .vector(0..<0)
            }
        case (.vector(let range), .scalar(let scalar)):
            return .vector(withScalar(operation, range, scalar, scalarOnLeft: false, filter: filter))
        case (.scalar(let scalar), .vector(let range)):
            return .vector(withScalar(operation, range, scalar, scalarOnLeft: true, filter: filter))
        case (.vector(let l), .vector(let r)):
            guard matching == .default else {
                return store(
                    VectorOperations.apply(operation, vector(l), vector(r), matching: matching, filter: filter))
            }
            return .vector(sameLabels(operation, l, r, filter: filter))
        }
    }

    /// `vector op scalar` (or `scalar op vector` when `scalarOnLeft`): arithmetic on every series; a comparison
    /// keeps the series it holds for with their own value (wherever the number is), or all of them valued 0/1 with
    /// `bool`.
    private mutating func withScalar(
        _ operation: BinaryOperator, _ range: Range<Int>, _ scalar: Double, scalarOnLeft: Bool, filter: Bool
    ) -> Range<Int> {
        let start = arenaLabels.count
        switch operation {
        case .arithmetic(let arithmetic):
            for index in range {
                let value = arenaValues[index]
                append(
                    arenaLabels[index],
                    scalarOnLeft ? arithmetic.apply(scalar, value) : arithmetic.apply(value, scalar))
            }
        case .comparison(let comparison, let returnsBool):
            for index in range {
                let value = arenaValues[index]
                let holds = scalarOnLeft ? comparison.holds(scalar, value) : comparison.holds(value, scalar)
                if returnsBool {
                    append(arenaLabels[index], holds ? 1 : 0)
                } else if holds || !filter {
                    append(arenaLabels[index], value)
                }
            }
        case .set:
            break  // the parser allows set operators between vectors only
        }
        return start..<arenaLabels.count
    }

    /// `left op right` between two vectors whose series pair by their whole label sets (no modifiers): each side's
    /// series have distinct label sets, so a mark per label set number finds the partner.
    private mutating func sameLabels(_ operation: BinaryOperator, _ left: Range<Int>, _ right: Range<Int>, filter: Bool)
        -> Range<Int>
    {
        if case .set(.or) = operation { return union(left, right) }
        growMarks()
        for index in right { marks[Int(arenaLabels[index])] = Int32(index - right.lowerBound + 1) }
        let start = arenaLabels.count
        for index in left {
            let labels = arenaLabels[index]
            let mark = marks[Int(labels)]
            switch operation {
            case .set(.and):
                if mark != 0 { append(labels, arenaValues[index]) }
            case .set(.unless):
                if mark == 0 { append(labels, arenaValues[index]) }
            case .set(.or):
                break
            case .arithmetic(let arithmetic):
                guard mark != 0 else { continue }
                let other = arenaValues[right.lowerBound + Int(mark) - 1]
                append(labels, arithmetic.apply(arenaValues[index], other))
            case .comparison(let comparison, let returnsBool):
                guard mark != 0 else { continue }
                let value = arenaValues[index]
                let holds = comparison.holds(value, arenaValues[right.lowerBound + Int(mark) - 1])
                if returnsBool {
                    append(labels, holds ? 1 : 0)
                } else if holds || !filter {
                    append(labels, value)
                }
            }
        }
        for index in right { marks[Int(arenaLabels[index])] = 0 }
        return start..<arenaLabels.count
    }

    /// Every series of `left`, then those of `right` whose label set is not among them (`or`).
    private mutating func union(_ left: Range<Int>, _ right: Range<Int>) -> Range<Int> {
        growMarks()
        let start = arenaLabels.count
        for index in left {
            marks[Int(arenaLabels[index])] = 1
            append(arenaLabels[index], arenaValues[index])
        }
        for index in right where marks[Int(arenaLabels[index])] == 0 {
            append(arenaLabels[index], arenaValues[index])
        }
        for index in left { marks[Int(arenaLabels[index])] = 0 }
        return start..<arenaLabels.count
    }

    /// Gives every label set numbered so far a mark (0).
    private mutating func growMarks() {
        if marks.count < table.labelSets.count {
            marks += Array(repeating: 0, count: table.labelSets.count - marks.count)
        }
    }

    /// The series in `range` keyed by their label sets, for ``VectorOperations``.
    private func vector(_ range: Range<Int>) -> Vector {
        var vector: Vector = [:]
        vector.reserveCapacity(range.count)
        for index in range { vector[table.labelSets[Int(arenaLabels[index])]] = arenaValues[index] }
        return vector
    }

    /// Writes a vector from ``VectorOperations`` to the arena, numbering its label sets.
    private mutating func store(_ vector: Vector) -> Operand {
        let start = arenaLabels.count
        for (labels, value) in vector { append(table.number(of: labels), value) }
        return .vector(start..<arenaLabels.count)
    }
}

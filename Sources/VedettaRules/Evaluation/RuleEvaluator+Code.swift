import Foundation
import VedettaCore

/// The instructions of a compiled expression (``RuleProgram/Instruction``), run on columns.
///
/// Every operation writes its result at the end of the ``Arena`` and leaves its range there on the operand stack;
/// nothing is allocated once the arena has grown to the device's size. Series are identified by the number of
/// their label set, so pairing two operands by labels (`and`, `a / b`) is an array lookup (`marks`), not a hash.
/// Operations that need the labels themselves (`on(...)`, `ignoring(...)`, `group_left`, aggregations) go through
/// ``VectorOperations`` and number the label sets they make.
extension RuleEvaluator {
    typealias Instruction = RuleProgram.Instruction

    /// Runs the instructions `range` of `code`: a whole expression, or one operand of it.
    /// - Parameter filter: For a comparison without `bool` at the end of `range`, whether to drop the series it
    ///   does not hold for; `false` keeps every series it compares, with the value it would keep (what `clear`
    ///   measures).
    mutating func run(_ code: [Instruction], _ range: Range<Int>, filter: Bool, arena: inout Arena) -> Operand {
        scratch.operands.reset(capacity: range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let instruction = code[index]
            if instruction.skipTo >= 0, instruction.skipTo < range.upperBound,
                case .vector(let left)? = scratch.operands.top,
                left.isEmpty
            {
                index = instruction.skipTo + 1  // `and`/`unless` with nothing on the left: nothing
                continue
            }
            let isLast = index == range.upperBound - 1
            switch instruction.operation {
            case .number(let value):
                scratch.operands.push(.scalar(value))
            case .source(let source):
                scratch.operands.push(.vector(read(source, arena: &arena)))
            case .filter(let source, let comparison, let number, let numberOnLeft):
                let seriesFilter = SeriesFilter(
                    comparison: comparison, number: number, numberOnLeft: numberOnLeft, keepsAll: isLast && !filter)
                scratch.operands.push(.vector(read(source, arena: &arena, filter: seriesFilter)))
            case .absent(let slot):
                scratch.operands.push(.vector(absent(slot, arena: &arena)))
            case .negation:
                scratch.operands.push(negated(scratch.operands.pop() ?? .vector(0..<0), arena: &arena))
            case .binary(let operation, let matching):
                let right = scratch.operands.pop() ?? .vector(0..<0)
                let left = scratch.operands.pop() ?? .vector(0..<0)
                scratch.operands.push(
                    binary(operation, left, right, matching: matching, filter: isLast ? filter : true, arena: &arena))
            case .aggregation(let operation, let grouping):
                guard case .vector(let operand)? = scratch.operands.pop() else {
                    scratch.operands.push(.vector(0..<0))
                    break
                }
                let result = VectorOperations.aggregate(
                    operation, vector(operand, arena), grouping: program.groupings[grouping])
                scratch.operands.push(store(result, arena: &arena))
            }
            index += 1
        }
        return scratch.operands.pop() ?? .vector(0..<0)
    }

    /// What `clear` needs to know `expr` measures: for a comparison without `bool`, every series it compares; for
    /// `and`/`unless`, the left side's; for `or`, both sides' (the left side's first).
    mutating func measure(_ code: [Instruction], _ range: Range<Int>, arena: inout Arena) -> Range<Int> {
        let root = range.upperBound - 1
        var filter = true
        switch code[root].operation {
        case .binary(.comparison(_, returnsBool: false), _), .filter:
            filter = false
        case .binary(.set(.and), _), .binary(.set(.unless), _):
            return measure(code, range.lowerBound..<code[root - 1].start, arena: &arena)
        case .binary(.set(.or), _):
            let left = measure(code, range.lowerBound..<code[root - 1].start, arena: &arena)
            let right = measure(code, code[root - 1].start..<root, arena: &arena)
            return union(left, right, arena: &arena)
        default:
            break
        }
        if case .vector(let result) = run(code, range, filter: filter, arena: &arena) { return result }
        return 0..<0
    }

    // Leaves

    /// The series of `source` in the latest poll, those `filter` keeps: read by a loop compiled for the filter's
    /// operator (``SeriesPredicate``), so that no series pays for choosing it.
    private mutating func read(
        _ source: RuleProgram.Source, arena: inout Arena, filter: SeriesFilter = .all
    ) -> Range<Int> {
        guard !filter.keepsAll else { return read(source, arena: &arena, keeping: KeepsAll()) }
        let (comparison, number) = filter.valueOnLeft
        switch comparison {
        case .equal: return read(source, arena: &arena, keeping: Equal(number: number))
        case .notEqual: return read(source, arena: &arena, keeping: NotEqual(number: number))
        case .greater: return read(source, arena: &arena, keeping: Greater(number: number))
        case .greaterOrEqual: return read(source, arena: &arena, keeping: GreaterOrEqual(number: number))
        case .less: return read(source, arena: &arena, keeping: Less(number: number))
        case .lessOrEqual: return read(source, arena: &arena, keeping: LessOrEqual(number: number))
        }
    }

    /// The series of `source` in the latest poll that `predicate` keeps. Mutating and without a closure (see
    /// ``Arena``) only so that the table is read where it is: a copy of the evaluator for a closure costs more than
    /// reading a source's series.
    @inline(__always)
    private mutating func read<Predicate: SeriesPredicate>(
        _ source: RuleProgram.Source, arena: inout Arena, keeping predicate: Predicate
    ) -> Range<Int> {
        let room =
            switch source {
            case .select(let slot), .rate(let slot, _), .range(_, let slot): table.memberSpans[slot].count
            }
        var out = arena.reserve(room: room)
        table.forEachSeries(of: source, at: instant) { labels, value in
            if predicate.keeps(value) { out.append(labels, value) }
        }
        return arena.finish(out)
    }

    /// `absent(x)`: one series valued 1 when the poll succeeded without a series of `x` that an earlier poll had.
    private mutating func absent(_ slot: Int, arena: inout Arena) -> Range<Int> {
        let start = arena.count
        if table.memberSpans[slot].isEmpty, seenAbsent[slot], pollSucceeded {
            let selector = program.slots[slot].selector
            arena.append(table.number(of: pollLabels.merging(selector.equalityLabels)), 1)
        }
        return start..<arena.count
    }

    // Operations

    private func negated(_ operand: Operand, arena: inout Arena) -> Operand {
        switch operand {
        case .scalar(let value):
            return .scalar(-value)
        case .vector(let range):
            return .vector(
                arena.write(room: range.count) { out in
                    for index in range { out.append(out.label(at: index), -out.value(at: index)) }
                })
        }
    }

    private mutating func binary(
        _ operation: BinaryOperator, _ left: Operand, _ right: Operand, matching: Int, filter: Bool,
        arena: inout Arena
    ) -> Operand {
        switch (left, right) {
        case (.scalar(let l), .scalar(let r)):  // the parser computes these; kept for completeness
            switch operation {
            case .arithmetic(let arithmetic): return .scalar(arithmetic.apply(l, r))
            case .comparison(let comparison, _): return .scalar(comparison.holds(l, r) ? 1 : 0)
            case .set: return .vector(0..<0)
            }
        case (.vector(let range), .scalar(let scalar)):
            return .vector(withScalar(operation, range, scalar, scalarOnLeft: false, filter: filter, arena: &arena))
        case (.scalar(let scalar), .vector(let range)):
            return .vector(withScalar(operation, range, scalar, scalarOnLeft: true, filter: filter, arena: &arena))
        case (.vector(let l), .vector(let r)):
            guard matching >= 0 else { return .vector(sameLabels(operation, l, r, filter: filter, arena: &arena)) }
            let result = VectorOperations.apply(
                operation, vector(l, arena), vector(r, arena), matching: program.matchings[matching], filter: filter)
            return store(result, arena: &arena)
        }
    }

    /// `vector op scalar` (or `scalar op vector` when `scalarOnLeft`): arithmetic on every series; a comparison
    /// keeps the series it holds for with their own value (wherever the number is), or all of them valued 0/1 with
    /// `bool`.
    private func withScalar(
        _ operation: BinaryOperator, _ range: Range<Int>, _ scalar: Double, scalarOnLeft: Bool, filter: Bool,
        arena: inout Arena
    ) -> Range<Int> {
        arena.write(room: range.count) { out in
            switch operation {
            case .arithmetic(let arithmetic):
                for index in range {
                    let value = out.value(at: index)
                    let result = scalarOnLeft ? arithmetic.apply(scalar, value) : arithmetic.apply(value, scalar)
                    out.append(out.label(at: index), result)
                }
            case .comparison(let comparison, let returnsBool):
                for index in range {
                    let value = out.value(at: index)
                    let holds = scalarOnLeft ? comparison.holds(scalar, value) : comparison.holds(value, scalar)
                    if returnsBool {
                        out.append(out.label(at: index), holds ? 1 : 0)
                    } else if holds || !filter {
                        out.append(out.label(at: index), value)
                    }
                }
            case .set:
                break  // the parser allows set operators between vectors only
            }
        }
    }

    /// `left op right` between two vectors whose series pair by their whole label sets (no modifiers): each side's
    /// series have distinct label sets, so a mark per label set number finds the partner.
    private mutating func sameLabels(
        _ operation: BinaryOperator, _ left: Range<Int>, _ right: Range<Int>, filter: Bool, arena: inout Arena
    ) -> Range<Int> {
        if case .set(.or) = operation { return union(left, right, arena: &arena) }
        if case .set(let set) = operation, left.count < right.count {
            return markingLeft(keepingMatched: set == .and, left, right, arena: &arena)
        }
        growMarks()
        for index in right { scratch.marks[Int(arena.label(at: index))] = Int32(index - right.lowerBound + 1) }
        let result = arena.write(room: left.count) { out in
            for index in left {
                let labels = out.label(at: index)
                let mark = scratch.marks[Int(labels)]
                switch operation {
                case .set(.and):
                    if mark != 0 { out.append(labels, out.value(at: index)) }
                case .set(.unless):
                    if mark == 0 { out.append(labels, out.value(at: index)) }
                case .set(.or):
                    break
                case .arithmetic(let arithmetic):
                    guard mark != 0 else { continue }
                    let other = out.value(at: right.lowerBound + Int(mark) - 1)
                    out.append(labels, arithmetic.apply(out.value(at: index), other))
                case .comparison(let comparison, let returnsBool):
                    guard mark != 0 else { continue }
                    let value = out.value(at: index)
                    let holds = comparison.holds(value, out.value(at: right.lowerBound + Int(mark) - 1))
                    if returnsBool {
                        out.append(labels, holds ? 1 : 0)
                    } else if holds || !filter {
                        out.append(labels, value)
                    }
                }
            }
        }
        for index in right { scratch.marks[Int(arena.label(at: index))] = 0 }
        return result
    }

    /// `left and right` (`keepingMatched`) or `left unless right` when the left side has fewer series (a few ports
    /// down against all of them up): the left side's series are marked and looked up, not the right side's, so the
    /// marking costs the smaller side. The result keeps the left side's order.
    private mutating func markingLeft(
        keepingMatched: Bool, _ left: Range<Int>, _ right: Range<Int>, arena: inout Arena
    ) -> Range<Int> {
        growMarks()
        for index in left { scratch.marks[Int(arena.label(at: index))] = 1 }
        for index in right where scratch.marks[Int(arena.label(at: index))] == 1 {
            scratch.marks[Int(arena.label(at: index))] = 2  // matched
        }
        var out = arena.reserve(room: left.count)
        for index in left where (scratch.marks[Int(out.label(at: index))] == 2) == keepingMatched {
            out.append(out.label(at: index), out.value(at: index))
        }
        let result = arena.finish(out)
        for index in left { scratch.marks[Int(arena.label(at: index))] = 0 }
        return result
    }

    /// Every series of `left`, then those of `right` whose label set is not among them (`or`).
    private mutating func union(_ left: Range<Int>, _ right: Range<Int>, arena: inout Arena) -> Range<Int> {
        growMarks()
        var out = arena.reserve(room: left.count + right.count)
        if right.count < left.count {
            // The smaller side is the one marked (1), and a mark its partner on the left finds becomes 2.
            for index in right { scratch.marks[Int(arena.label(at: index))] = 1 }
            for index in left {
                let labels = out.label(at: index)
                if scratch.marks[Int(labels)] == 1 { scratch.marks[Int(labels)] = 2 }
                out.append(labels, out.value(at: index))
            }
            for index in right where scratch.marks[Int(out.label(at: index))] == 1 {
                out.append(out.label(at: index), out.value(at: index))
            }
            for index in right { scratch.marks[Int(out.label(at: index))] = 0 }
        } else {
            for index in left { scratch.marks[Int(arena.label(at: index))] = 1 }
            for index in left { out.append(out.label(at: index), out.value(at: index)) }
            for index in right where scratch.marks[Int(out.label(at: index))] == 0 {
                out.append(out.label(at: index), out.value(at: index))
            }
            for index in left { scratch.marks[Int(out.label(at: index))] = 0 }
        }
        return arena.finish(out)
    }

    /// Gives every label set numbered so far a mark (0).
    private mutating func growMarks() {
        if scratch.marks.count < table.labelSets.count {
            scratch.marks += Array(repeating: 0, count: table.labelSets.count - scratch.marks.count)
        }
    }

    /// The series in `range` keyed by their label sets, for ``VectorOperations``.
    private func vector(_ range: Range<Int>, _ arena: Arena) -> Vector {
        var vector: Vector = [:]
        vector.reserveCapacity(range.count)
        for index in range { vector[table.labelSets[Int(arena.label(at: index))]] = arena.value(at: index) }
        return vector
    }

    /// Writes a vector from ``VectorOperations`` to the arena, numbering its label sets.
    private mutating func store(_ vector: Vector, arena: inout Arena) -> Operand {
        let start = arena.count
        for (labels, value) in vector { arena.append(table.number(of: labels), value) }
        return .vector(start..<arena.count)
    }
}

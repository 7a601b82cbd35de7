public import Foundation
public import VedettaCore

/// Evaluates alert rules against the samples of devices, one poll at a time.
///
/// The agent keeps one evaluator per device and source, built on the ``RuleProgram`` of all its rules: after each
/// poll it calls ``read(_:at:)`` once, then ``evaluate(_:)`` for every rule. The evaluator numbers the device's
/// series once (``SeriesTable``) and evaluates on small columns of numbers, so a poll that looks like the one
/// before costs no hashing and no dictionary. ``evaluate(_:samples:at:)-(RuleExpression,[Sample],Date)`` and its
/// siblings do all of it in one call, for tests and tools. The evaluator is a value: what it keeps is the previous
/// sample of every series read through `rate(...)` and the recent samples of those read through a range function,
/// so a rate needs two polls before it yields a result.
///
/// Semantics follow PromQL's instant vectors:
/// - a selector yields every sample with its name whose labels satisfy the matchers, keyed by labels without the name;
/// - a comparison keeps the series whose value compares true, with their value unchanged (with `bool`, every series,
///   valued 0 or 1); arithmetic makes new series; between two vectors, series are paired by their labels, or by
///   `on(...)`/`ignoring(...)`, one-to-one or with `group_left`/`group_right` (``VectorOperations``);
/// - `a and b` keeps the series of `a` that have a match in `b`; `a unless b` those that have none;
///   `a or b` keeps every series of `a` and those of `b` without a match in `a`;
/// - `sum`, `avg`, `min`, `max`, `count` group the series `by` or `without` labels; they see one poll of one device;
/// - the result of a rule carries the poll's labels: a series that lost some (an aggregation, `on(...)`) gets them
///   back under its own;
/// - `f(x[w])` for a range function (`avg_over_time`, `min_over_time`, `max_over_time`, `sum_over_time`,
///   `count_over_time`, `quantile_over_time`, `increase`, `delta`, `changes`) applies `f` to each series' samples of
///   the last `w`, the poll's own included, kept in a short history per series (``SeriesHistory``); a series needs
///   two samples in the window for `increase` and `delta`;
/// - `absent(x)` yields one series valued 1 when the poll succeeded (its `up` is 1) without a sample of `x`, and an
///   earlier poll of the device had one; its labels are the poll's (those of `up`) plus `x`'s equality matchers. A
///   failed poll, or a device that never had `x`, yields no data for it, so nothing changes;
/// - `rate(x[w])` is `increase / (t2 − t1)` between the previous and the latest sample of the same series, when
///   the previous sample is at most `w` old. The first sample of a series and a previous sample older than `w`
///   yield no result.
///
/// The increase of a counter from `v1` to `v2`:
/// - `v2 ≥ v1`: `v2 − v1`;
/// - `v2 < v1` on a 32-bit counter (``Sample/counterWidth`` is 32 bits, SNMP `Counter32`): the counter wrapped,
///   and the increase is `v2 + 2^32 − v1`, provided that is at most `2^31` (half the range: a counter that would
///   have had to count more than that in one interval was reset rather than wrapped);
/// - otherwise (`v2 < v1` on a 64-bit counter, a counter of unknown width, or an implausible wrap): the counter
///   was reset, and the interval yields no result; the series starts over from `v2`.
///
/// A device that restarted resets all its counters, including 32-bit ones whose new value merely looks like a
/// wrap. When the probe says a device's counters restarted (a reboot), ``forgetRates(of:)`` drops the rate history
/// of every series of the device, so no rate is computed across it: the poll after the restart starts every
/// series over and the next one yields rates again.
public struct RuleEvaluator: Sendable {
    var program: RuleProgram
    var table = SeriesTable()
    /// When the latest poll took place.
    var instant = Date.distantPast
    /// The latest poll's labels, found when first asked for.
    private var cachedPollLabels: LabelSet?
    /// Per slot of `absent(...)`: whether a poll has had a series for it (only those can go missing).
    var seenAbsent: [Bool] = []
    /// Per expression: the poll (``SeriesTable/polls``) after which it last held for no series, 0 if it held for
    /// some or had no data. An expression that held for nothing after the poll before, and none of whose series
    /// changed since, holds for nothing again: it is not run (most rules, most polls, on a quiet network).
    private var quietAt: [UInt32] = []
    /// Whether quiet expressions are passed over (``isQuiet(_:)``); off only in the test that compares the two.
    var passesOverQuietExpressions = true
    /// Where evaluations write their intermediate results; kept between evaluations so that it is allocated once,
    /// or lent for the time of one (``evaluate(_:into:scratch:)``).
    var scratch = Scratch()

    /// The space evaluations write their intermediate results to: the columns of the results, the operand stack
    /// (see ``run(_:_:filter:arena:)``) and a mark per label set. An alert source evaluates its devices one after
    /// another and lends one scratch to all of them: it stays in the processor's cache, and no device keeps its own.
    public struct Scratch: Sendable {
        var arena = Arena()
        var operands = OperandStack()
        /// Per label set number: 1 + the position of a series in the operand being matched against, 0 for none;
        /// every mark is 0 again once an operation is done, whichever evaluator it served.
        var marks: [Int32] = []

        /// Empty space, which grows to what the evaluations it serves need.
        public init() {}
    }

    /// Creates an evaluator with no history, for a program that grows with the expressions it is given.
    public init() {
        self.program = RuleProgram()
    }

    /// Creates an evaluator for `program`, with no history.
    public init(program: RuleProgram) {
        self.program = program
    }

    /// Reads one poll of the device: its series, their values, and the rate and range state of those that need it.
    /// Call it once per poll, before ``evaluate(_:)`` for each rule.
    /// - Parameters:
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place; must not go backwards for a series read through `rate(...)`.
    public mutating func read(_ samples: [Sample], at instant: Date) {
        table.prefetch()  // a minute after its last poll, the device's state is no longer in the caches
        table.read(samples, at: instant, program: program)
        self.instant = instant
        cachedPollLabels = nil
        if seenAbsent.count < program.slots.count {
            seenAbsent += Array(repeating: false, count: program.slots.count - seenAbsent.count)
        }
        if quietAt.count < program.expressions.count {
            quietAt += Array(repeating: 0, count: program.expressions.count - quietAt.count)
        }
    }

    /// Whether the latest poll succeeded: its `up` sample is 1, or it has none.
    public var pollSucceeded: Bool { table.pollSucceeded }

    /// The latest poll read, as the evaluator keeps it, and when it took place; `nil` before the first. What an
    /// evaluator for other rules reads to start where this one is (``read(_:at:)``): every series with its labels,
    /// latest value and text output, in poll order. The samples are gauges without a counter width: a `rate()` or
    /// range function takes the width of its newest sample, so the next poll brings it.
    public var latestPoll: (samples: [Sample], at: Date)? { table.latestPoll }

    /// The labels every sample of the latest poll shares (`device`, `probe`, `check` and the device's labels).
    public var pollLabels: LabelSet {
        mutating get {
            if let cachedPollLabels { return cachedPollLabels }
            let labels = table.pollLabels
            cachedPollLabels = labels
            return labels
        }
    }

    /// Evaluates one expression of the program against the poll read last.
    /// - Parameter id: The expression, from ``RuleProgram/add(_:)``.
    /// - Returns: ``RuleEvaluation/noData`` when no series of the poll matches any of the expression's selectors,
    ///   else the series for which it holds.
    public mutating func evaluate(_ id: RuleProgram.ExpressionID) -> RuleEvaluation {
        var arena = takeArena()
        defer { scratch.arena = arena }
        return evaluate(id, arena: &arena)
    }

    /// Evaluates expressions of the program against the poll read last, as ``evaluate(_:)`` does one, in
    /// `scratch` instead of the evaluator's own space (an alert source lends one to all its devices).
    /// - Parameters:
    ///   - ids: The expressions, from ``RuleProgram/add(_:)``.
    ///   - evaluations: Replaced by the evaluation of each expression, in the order of `ids` (its storage is reused).
    ///   - scratch: The space to write intermediate results to, lent for this call.
    public mutating func evaluate(
        _ ids: [RuleProgram.ExpressionID], into evaluations: inout [RuleEvaluation], scratch: inout Scratch
    ) {
        swap(&self.scratch, &scratch)
        defer { swap(&self.scratch, &scratch) }
        var arena = takeArena()
        defer { self.scratch.arena = arena }
        evaluations.removeAll(keepingCapacity: true)
        for id in ids { evaluations.append(passedOver(id.index) ?? evaluate(id, arena: &arena)) }
    }

    /// The evaluation of an expression that need not run, told from bits alone (its slots are below 64, and it
    /// reads no `absent(...)`): ``RuleEvaluation/noData`` when none of its slots has series, no results when it is
    /// quiet (``isQuiet(_:)``); `nil` when it is to be evaluated. Inlined in the loop over a poll's expressions,
    /// where most of them, most of the time, are one of the two.
    @inline(__always)
    private mutating func passedOver(_ expression: Int) -> RuleEvaluation? {
        guard program.expressions[expression].slotsFitBits, program.expressions[expression].absentSlotBits == 0
        else { return nil }
        if table.presentSlotBits & program.expressions[expression].dataSlotBits == 0 {
            noteQuiet(expression, false)
            return .noData
        }
        guard isQuiet(expression) else { return nil }
        noteQuiet(expression, true)
        return .results([])
    }

    private mutating func evaluate(_ id: RuleProgram.ExpressionID, arena: inout Arena) -> RuleEvaluation {
        guard hasData(id.index) else {
            noteQuiet(id.index, false)
            return .noData
        }
        if isQuiet(id.index) {
            noteQuiet(id.index, true)
            return .results([])
        }
        arena.reset()
        let code = program.expressions[id.index].code
        guard case .vector(let result) = run(code, code.indices, filter: true, arena: &arena), !result.isEmpty else {
            noteQuiet(id.index, true)
            return .results([])
        }
        noteQuiet(id.index, false)
        let outputs = outputs(of: program.expressions[id.index].outputSlot)
        var seen: Set<LabelSet> = []
        var results: [SeriesResult] = []
        for index in result {
            let number = arena.label(at: index)
            let labels = completed(table.labelSets[Int(number)])
            guard seen.insert(labels).inserted else { continue }
            results.append(SeriesResult(labels: labels, value: arena.value(at: index), output: outputs[number]))
        }
        return .results(results.sorted { $0.labels.description < $1.labels.description })
    }

    /// For a rule with `clear`, the series `clear` holds for and the series its `expr` measures (see
    /// ``ClearEvaluation``), against the poll read last.
    /// - Parameters:
    ///   - clear: The rule's `clear` expression.
    ///   - expression: The rule's `expr`.
    /// - Returns: The evaluation of `clear`.
    public mutating func evaluateClear(
        _ clear: RuleProgram.ExpressionID, measuring expression: RuleProgram.ExpressionID
    )
        -> ClearEvaluation
    {
        var arena = takeArena()
        defer { scratch.arena = arena }
        var cleared: Set<LabelSet> = []
        let clearCode = program.expressions[clear.index].code
        if case .vector(let result) = run(clearCode, clearCode.indices, filter: true, arena: &arena) {
            for index in result { cleared.insert(completed(table.labelSets[Int(arena.label(at: index))])) }
        }
        arena.reset()
        var measured: [LabelSet: Double] = [:]
        let code = program.expressions[expression.index].code
        for index in measure(code, code.indices, arena: &arena) {
            measured[completed(table.labelSets[Int(arena.label(at: index))])] = arena.value(at: index)
        }
        return ClearEvaluation(cleared: cleared, measured: measured)
    }

    /// ``evaluateClear(_:measuring:)`` in `scratch` instead of the evaluator's own space.
    public mutating func evaluateClear(
        _ clear: RuleProgram.ExpressionID, measuring expression: RuleProgram.ExpressionID, scratch: inout Scratch
    ) -> ClearEvaluation {
        swap(&self.scratch, &scratch)
        defer { swap(&self.scratch, &scratch) }
        return evaluateClear(clear, measuring: expression)
    }

    // One call: read, compile, evaluate

    /// Evaluates `rule` against one poll of the device.
    ///
    /// - Parameters:
    ///   - rule: The rule to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place; must not go backwards for a series read through `rate(...)`.
    /// - Returns: ``RuleEvaluation/noData`` when no sample matches any of the rule's selectors, else the series
    ///   for which the condition holds.
    public mutating func evaluate(_ rule: AlertRule, samples: [Sample], at instant: Date) -> RuleEvaluation {
        evaluate(rule.expression, samples: samples, at: instant)
    }

    /// Evaluates `rule` against one poll of the device.
    ///
    /// - Parameters:
    ///   - rule: The rule to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place; must not go backwards for a series read through `rate(...)`.
    /// - Returns: ``RuleEvaluation/noData`` when no sample matches any of the rule's selectors, else the series
    ///   for which the condition holds.
    public mutating func evaluate(_ rule: AlertRule, samples: SampleIndex, at instant: Date) -> RuleEvaluation {
        evaluate(rule.expression, samples: samples.samples, at: instant)
    }

    /// Evaluates an expression against one poll of the device, with the semantics described on the type.
    ///
    /// - Parameters:
    ///   - expression: The expression to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place.
    /// - Returns: ``RuleEvaluation/noData`` or the series for which the expression holds.
    public mutating func evaluate(_ expression: RuleExpression, samples: [Sample], at instant: Date) -> RuleEvaluation {
        let id = program.add(expression)
        read(samples, at: instant)
        return evaluate(id)
    }

    /// Evaluates an expression against one poll of the device.
    ///
    /// - Parameters:
    ///   - expression: The expression to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place.
    /// - Returns: ``RuleEvaluation/noData`` or the series for which the expression holds.
    public mutating func evaluate(_ expression: RuleExpression, samples: SampleIndex, at instant: Date)
        -> RuleEvaluation
    {
        evaluate(expression, samples: samples.samples, at: instant)
    }

    /// For a rule with `clear`, the series `clear` holds for and the series `expr` measures; `nil` without `clear`.
    ///
    /// - Parameters:
    ///   - rule: The rule.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place (the same as for ``evaluate(_:samples:at:)-(AlertRule,SampleIndex,Date)``;
    ///     a poll read twice at one instant is recorded once).
    /// - Returns: The evaluation of `clear`.
    public mutating func evaluateClear(_ rule: AlertRule, samples: SampleIndex, at instant: Date) -> ClearEvaluation? {
        guard let clear = rule.clearExpression else { return nil }
        let clearID = program.add(clear)
        let expressionID = program.add(rule.expression)
        read(samples.samples, at: instant)
        return evaluateClear(clearID, measuring: expressionID)
    }

    // State

    /// Forgets all rate and range history, e.g. after the device's configuration changed.
    public mutating func reset() {
        table = SeriesTable()
        cachedPollLabels = nil
        quietAt = Array(repeating: 0, count: quietAt.count)
    }

    /// Forgets the rate history of every series of `device`: the next poll starts each of them over.
    /// - Parameter device: The device whose series (by their `device` label) are forgotten.
    public mutating func forgetRates(of device: DeviceID) {
        table.forgetRates(of: device.rawValue)
    }

    /// How many samples the range functions keep, over every series (for the documentation's memory figures).
    public var historySampleCount: Int { table.historySampleCount }

    // Helpers

    /// Whether the poll has data for the expression: a series for one of its selectors, or, for `absent(...)`, a
    /// successful poll of a device that had the series before. Notes the `absent(...)` series seen.
    private mutating func hasData(_ expression: Int) -> Bool {
        if program.expressions[expression].slotsFitBits {
            let (data, absent) = (
                program.expressions[expression].dataSlotBits, program.expressions[expression].absentSlotBits
            )
            var seen = table.presentSlotBits & absent
            while seen != 0 {
                seenAbsent[seen.trailingZeroBitCount] = true
                seen &= seen &- 1
            }
            if table.presentSlotBits & data != 0 { return true }
            guard absent != 0 else { return false }
            return pollSucceeded && program.expressions[expression].absentSlots.contains { seenAbsent[$0] }
        }
        for slot in program.expressions[expression].absentSlots where !table.memberSpans[slot].isEmpty {
            seenAbsent[slot] = true
        }
        for slot in program.expressions[expression].dataSlots where !table.memberSpans[slot].isEmpty { return true }
        let absentSlots = program.expressions[expression].absentSlots
        guard !absentSlots.isEmpty else { return false }
        return pollSucceeded && absentSlots.contains { seenAbsent[$0] }
    }

    /// Whether `expression` held for no series after the poll before, and nothing it reads changed since: the poll
    /// read the same series, and none of its selectors' series changed value, rate or range function. Then it
    /// holds for no series now either. (`absent(...)` also reads whether the poll succeeded: a poll that failed
    /// gives it no data, which ``hasData(_:)`` tells first, so an `up` that changed never finds it quiet.)
    @inline(__always)
    func isQuiet(_ expression: Int) -> Bool {
        guard passesOverQuietExpressions, expression < quietAt.count, quietAt[expression] != 0,
            quietAt[expression] &+ 1 == table.polls
        else {
            return false
        }
        if program.expressions[expression].slotsFitBits {
            let slots = program.expressions[expression].dataSlotBits | program.expressions[expression].absentSlotBits
            return table.changedSlotBits & slots == 0
        }
        for slot in program.expressions[expression].absentSlots where table.hasChanged(slot) { return false }
        for slot in program.expressions[expression].dataSlots where table.hasChanged(slot) { return false }
        return true
    }

    /// Notes whether `expression` held for no series after the latest poll (``isQuiet(_:)``).
    @inline(__always)
    private mutating func noteQuiet(_ expression: Int, _ quiet: Bool) {
        if expression < quietAt.count { quietAt[expression] = quiet ? table.polls : 0 }
    }

    /// The text outputs of the output slot's series in the poll, by label set number; none to look up (and nothing
    /// built) when no sample of the poll carries output, which is the case for every SNMP and HTTP poll.
    private func outputs(of slot: Int?) -> [Int32: String] {
        guard let slot, !table.outputs.isEmpty else { return [:] }
        var outputs: [Int32: String] = [:]
        for index in table.memberSpans[slot] {
            let number = table.memberList[index]
            if let output = table.outputs[number] { outputs[table.labelSetOfSeries[Int(number)]] = output }
        }
        return outputs
    }

    /// `labels`, with the poll's labels under them when it lacks some: every alert names its device, probe and
    /// check, whatever an aggregation or `on(...)` kept.
    private mutating func completed(_ labels: LabelSet) -> LabelSet {
        let poll = pollLabels
        guard !poll.allSatisfy({ labels[$0.name] != nil }) else { return labels }
        return poll.merging(labels)
    }

    /// The arena, moved out of the evaluator and emptied: the operations write to it while they read the table.
    private mutating func takeArena() -> Arena {
        var arena = scratch.arena
        scratch.arena = Arena()
        arena.reset()
        return arena
    }
}

/// What an expression evaluates to: a number, or series in the evaluator's arena.
enum Operand {
    case scalar(Double)
    /// The positions of the series in the evaluator's ``Arena``.
    case vector(Range<Int>)
}

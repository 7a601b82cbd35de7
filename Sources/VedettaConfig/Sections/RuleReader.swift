import VedettaCore
import VedettaRules
import Yams

/// Reads one `alerts/*.yaml` file: `rules:`, each either an alert rule over polled samples
/// (`{alert, expr, for, keep_firing_for, clear, flapping, device_down, no_data, severity, summary, description,
/// labels}`) or a trap rule over SNMP notifications (`{alert, trap, clear, match_on, resolve_after, severity,
/// summary, description, labels}`).
enum RuleReader {
    /// The rules of one file or directory, of both kinds.
    struct Rules {
        var rules: [AlertRule] = []
        var trapRules: [TrapRule] = []
    }

    /// One rule as read.
    private enum Rule {
        case samples(AlertRule)
        case trap(TrapRule)
    }

    static let fileKeys = ["rules"]
    static let keys = [
        "alert", "expr", "for", "keep_firing_for", "clear", "flapping", "device_down", "no_data", "severity",
        "summary", "description", "labels",
    ]
    static let trapKeys = [
        "alert", "trap", "clear", "match_on", "resolve_after", "severity", "summary", "description", "labels",
    ]

    /// The rules of a file; invalid rules and later definitions of a name in `names` are reported and left out.
    static func readFile(_ reader: NodeReader, names: inout DuplicateNames, into rules: inout Rules) {
        guard let mapping = reader.mapping(keys: fileKeys), let items = mapping.required("rules")?.list() else {
            return
        }
        for rule in names.readUnique(items, key: "alert", readAny) {
            switch rule {
            case .samples(let rule): rules.rules.append(rule)
            case .trap(let rule): rules.trapRules.append(rule)
            }
        }
    }

    /// A trap rule when the item has `trap:`, else an alert rule over samples; each kind refuses the other's keys.
    private static func readAny(_ reader: NodeReader) -> Rule? {
        let isTrapRule = reader.node.mapping?.keys.contains { $0.string == "trap" } ?? false
        if isTrapRule {
            return reader.mapping(keys: trapKeys).flatMap { readTrap($0, reader: reader) }.map(Rule.trap)
        }
        return read(reader).map(Rule.samples)
    }

    private static func readTrap(_ mapping: MappingReader, reader: NodeReader) -> TrapRule? {
        let name = mapping.required("alert")?.name(.label, what: "alert name")
        let trap = mapping.required("trap").flatMap { readPattern($0, key: "trap") }
        let clearReader = mapping.optional("clear")
        let clear = clearReader.flatMap { readPattern($0, key: "clear") }
        let clearIsValid = clearReader == nil || clear != nil
        var matchOn: [String]? = []
        if let list = mapping.optional("match_on")?.stringList() {
            for (label, labelReader) in list where !NamePattern.label.matches(label) {
                labelReader.report("invalid label name \"\(label)\" in match_on; \(NamePattern.label.rule)")
                matchOn = nil
            }
            matchOn = matchOn.map { _ in list.map(\.value) }
        } else if mapping.optional("match_on") != nil {
            matchOn = nil
        }
        let resolveAfter =
            mapping.optional("resolve_after").map { $0.duration() } ?? TrapRule.defaultResolveAfter
        let severity = mapping.optional("severity").map { $0.choice("severity", of: Severity.self) } ?? .warning
        let summary = mapping.optional("summary").map { $0.string() } ?? ""
        let description = mapping.optional("description").map { $0.string() } ?? ""
        let labels = mapping.optional("labels").map(readLabels) ?? LabelSet()
        guard let name, let trap, clearIsValid, let matchOn, let resolveAfter, let severity, let summary,
            let description, let labels
        else { return nil }
        return TrapRule(
            name: name, trap: trap, clear: clear, matchOn: matchOn, resolveAfter: resolveAfter, severity: severity,
            summary: summary, description: description, labels: labels, location: reader.location)
    }

    private static func readPattern(_ reader: NodeReader, key: String) -> TrapPattern? {
        guard let scalar = reader.scalar() else { return nil }
        do throws(RuleExpressionError) {
            return try TrapPattern.parse(scalar.string)
        } catch {
            let location = ExpressionLocator(file: reader.file, scalar: scalar).location(ofOffset: error.offset)
            reader.report("invalid \(key): \(error.message)", at: location)
            return nil
        }
    }

    private static func read(_ reader: NodeReader) -> AlertRule? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let name = mapping.required("alert")?.name(.label, what: "alert name")
        let expression = mapping.required("expr").flatMap { readExpression($0, key: "expr") }
        let hold = mapping.optional("for").map { $0.duration(allowZero: true) } ?? .zero
        let keepFiring = mapping.optional("keep_firing_for").map { $0.duration(allowZero: true) } ?? .zero
        // `clear` is optional, but when given it must parse.
        let clearReader = mapping.optional("clear")
        let clear = clearReader.flatMap { readExpression($0, key: "clear") }
        let clearIsValid = clearReader == nil || clear != nil
        let flappingReader = mapping.optional("flapping")
        let flapping = flappingReader.map(readFlapping) ?? .some(.standard)
        let deviceDown = mapping.optional("device_down").map { $0.bool() } ?? false
        let noDataReader = mapping.optional("no_data")
        let noData = noDataReader.flatMap(readNoData)
        let noDataIsValid = noDataReader == nil || noData != nil
        let severity = mapping.optional("severity").map { $0.choice("severity", of: Severity.self) } ?? .warning
        let summary = mapping.optional("summary").map { $0.string() } ?? ""
        let description = mapping.optional("description").map { $0.string() } ?? ""
        let labels = mapping.optional("labels").map(readLabels) ?? LabelSet()
        guard let name, let expression, let hold, let keepFiring, clearIsValid, let flapping, let deviceDown,
            noDataIsValid,
            let severity,
            let summary,
            let description, let labels
        else { return nil }
        return AlertRule(
            name: name,
            expression: expression.expression,
            expressionText: expression.text,
            holdDuration: hold,
            keepFiringFor: keepFiring,
            clearExpression: clear?.expression,
            clearText: clear?.text,
            marksDeviceDown: deviceDown,
            noData: noData,
            flapping: flapping,
            severity: severity,
            summary: summary,
            description: description,
            labels: labels,
            location: reader.location
        )
    }

    private static func readExpression(_ reader: NodeReader, key: String) -> (expression: RuleExpression, text: String)?
    {
        guard let scalar = reader.scalar() else { return nil }
        do throws(RuleExpressionError) {
            return (try RuleExpression.parse(scalar.string), scalar.string)
        } catch {
            let location = ExpressionLocator(file: reader.file, scalar: scalar).location(ofOffset: error.offset)
            reader.report("invalid \(key): \(error.message)", at: location)
            return nil
        }
    }

    /// `flapping: false`, or `flapping: {changes: 3, window: 1h, settle: 15m}` with each key optional.
    /// - Returns: `.some(nil)` for `false`, `.some(policy)`, or `nil` after an error (reported).
    private static func readFlapping(_ reader: NodeReader) -> FlappingPolicy?? {
        if !reader.isMapping {
            switch reader.string()?.lowercased() {
            case "true", "yes", "on": return .some(.standard)
            case "false", "no", "off": return .some(nil)
            default:
                reader.report(
                    "expected false, true or a mapping {changes, window, settle} for \(reader.displayPath), got "
                        + reader.kindDescription)
                return nil
            }
        }
        guard let mapping = reader.mapping(keys: ["changes", "window", "settle"]) else { return nil }
        let standard = FlappingPolicy.standard
        let changes = mapping.optional("changes").map { $0.int(minimum: 1) } ?? standard.changes
        let window = mapping.optional("window").map { $0.duration() } ?? standard.window
        let settle = mapping.optional("settle").map { $0.duration() } ?? standard.settle
        guard let changes, let window, let settle else { return nil }
        return .some(FlappingPolicy(changes: changes, window: window, settle: settle))
    }

    /// `no_data: {state: alert|keep|ok, after: 10m, severity: warning}`.
    private static func readNoData(_ reader: NodeReader) -> NoDataPolicy? {
        guard let mapping = reader.mapping(keys: ["state", "after", "severity"]) else { return nil }
        let state = mapping.required("state")?.choice("no_data state", of: NoDataPolicy.State.self)
        let after = mapping.optional("after").map { $0.duration() } ?? NoDataPolicy.defaultAfter
        let severityReader = mapping.optional("severity")
        let severity = severityReader.map { $0.choice("severity", of: Severity.self) } ?? .warning
        guard let state, let after, let severity else { return nil }
        if let severityReader, state != .alert {
            severityReader.report("no_data.severity is the severity of the no-data alert; it needs state: alert")
            return nil
        }
        return NoDataPolicy(state: state, after: after, severity: severity)
    }

    private static func readLabels(_ reader: NodeReader) -> LabelSet? {
        guard let pairs = reader.stringMap() else { return nil }
        var labels = LabelSet()
        var valid = true
        for (name, value, keyReader) in pairs {
            guard NamePattern.label.matches(name) else {
                keyReader.report("invalid label name \"\(name)\"; \(NamePattern.label.rule)")
                valid = false
                continue
            }
            labels[name] = value
        }
        return valid ? labels : nil
    }
}

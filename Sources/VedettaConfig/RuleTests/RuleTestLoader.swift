import Foundation
import VedettaCore
public import VedettaRules

/// Reads a rule unit-test file for `vedetta test rules`, in the shape of `promtool test rules`:
///
/// ```yaml
/// rule_files: [../network.yaml]        # relative to this file
/// evaluation_interval: 1m              # the default interval of the tests
/// tests:
///   - name: a port that goes down pages
///     interval: 1m                     # one poll per interval
///     input_series:
///       - series: 'ifOperStatus{device="sw1",probe="snmp",ifIndex="1",ifName="Gi0/1"}'
///         values: '1 1 2x10'           # 1, 1, then 2 eleven times
///     alert_rule_test:
///       - eval_time: 5m
///         alertname: InterfaceDown
///         exp_alerts:
///           - exp_labels: {device: sw1, probe: snmp, ifIndex: "1", ifName: Gi0/1, severity: warning, team: network}
///             exp_annotations: {summary: "sw1 interface Gi0/1 is down"}
/// ```
///
/// Trap rules are tested with `input_traps` (notifications arriving at given times) instead of, or besides,
/// `input_series`:
///
/// ```yaml
///     input_traps:
///       - {at: 1m, device: sw1, trap: linkDown, variables: {ifIndex: 7, ifAdminStatus: up, ifDescr: Gi0/7}}
/// ```
///
/// Every problem is reported with its file, line and column, like the configuration's.
public enum RuleTestLoader {
    static let fileKeys = ["rule_files", "evaluation_interval", "tests"]
    static let testKeys = ["name", "interval", "input_series", "input_traps", "alert_rule_test"]

    /// Loads a test file and the rule files it names.
    /// - Parameter path: The test file.
    /// - Throws: ``ConfigErrors`` with every problem, sorted by file, line and column.
    /// - Returns: The suite.
    public static func load(_ path: String) throws(ConfigErrors) -> RuleTestSuite {
        let diagnostics = Diagnostics()
        let suite = read(path, diagnostics: diagnostics)
        guard let suite, diagnostics.isEmpty else { throw ConfigErrors(diagnostics.errors) }
        return suite
    }

    private static func read(_ path: String, diagnostics: Diagnostics) -> RuleTestSuite? {
        guard let root = node(of: path, diagnostics: diagnostics), let mapping = root.mapping(keys: fileKeys) else {
            return nil
        }
        let directory = ConfigPaths.directory(of: path)
        var names = DuplicateNames(kind: "alert")
        var rules = RuleReader.Rules()
        for (file, reader) in mapping.required("rule_files")?.stringList() ?? [] {
            let rulePath = file.hasPrefix("/") ? file : ConfigPaths.join(directory, file)
            guard FileManager.default.fileExists(atPath: rulePath) else {
                reader.report("rule file \"\(file)\" not found (looked at \(rulePath))")
                continue
            }
            guard let ruleRoot = node(of: rulePath, diagnostics: diagnostics) else { continue }
            RuleReader.readFile(ruleRoot, names: &names, into: &rules)
        }
        let defaultInterval =
            mapping.optional("evaluation_interval").map { $0.duration() } ?? .some(.seconds(60))
        let tests = mapping.required("tests")?.list() ?? []
        let cases = tests.enumerated().compactMap { index, item in
            readTest(item, number: index + 1, defaultInterval: defaultInterval ?? .seconds(60))
        }
        return RuleTestSuite(file: path, rules: rules.rules, trapRules: rules.trapRules, cases: cases)
    }

    private static func node(of path: String, diagnostics: Diagnostics) -> NodeReader? {
        do throws(ConfigError) {
            let file = try SourceFile.read(path)
            guard let node = try file.compose() else {
                diagnostics.report("the file is empty", at: SourceFile.start(of: path), path: "")
                return nil
            }
            return NodeReader(node: node, path: "", file: file, diagnostics: diagnostics)
        } catch {
            diagnostics.report(error)
            return nil
        }
    }

    private static func readTest(_ reader: NodeReader, number: Int, defaultInterval: Duration) -> RuleTestCase? {
        guard let mapping = reader.mapping(keys: testKeys) else { return nil }
        let name = mapping.optional("name").flatMap { $0.string() } ?? "test \(number)"
        let interval = mapping.optional("interval").map { $0.duration() } ?? defaultInterval
        let series = (mapping.optional("input_series")?.list() ?? []).compactMap(readSeries)
        let traps = (mapping.optional("input_traps")?.list() ?? []).compactMap(readTrap)
        let expectations = (mapping.required("alert_rule_test")?.list() ?? []).compactMap(readExpectation)
        guard let interval else { return nil }
        return RuleTestCase(
            name: name, interval: interval, series: series, traps: traps, expectations: expectations,
            location: reader.location)
    }

    private static func readSeries(_ reader: NodeReader) -> RuleTestSeries? {
        guard let mapping = reader.mapping(keys: ["series", "values"]),
            let seriesReader = mapping.required("series"), let text = seriesReader.string(),
            let valuesReader = mapping.required("values"), let valuesText = valuesReader.string()
        else { return nil }
        guard case .selector(let selector)? = try? RuleExpression.parse(text),
            selector.matchers.allSatisfy({ $0.operation == .equal })
        else {
            seriesReader.report(
                "invalid series \"\(text)\"; write a metric name and its labels, e.g. "
                    + "ifOperStatus{device=\"sw1\",ifIndex=\"1\"}")
            return nil
        }
        do throws(SeriesValuesError) {
            let values = try SeriesValues.parse(valuesText)
            return RuleTestSeries(name: selector.name, labels: selector.equalityLabels, values: values)
        } catch {
            valuesReader.report("invalid values: \(error.message)")
            return nil
        }
    }

    /// `{at: 1m, device: sw1, labels: {site: milano}, trap: linkDown, variables: {ifIndex: 7, ifAdminStatus: up}}`:
    /// variables are named as the notification's labels are (a known object's name, or `oid_1_3_6_…`).
    private static func readTrap(_ reader: NodeReader) -> RuleTestTrap? {
        guard let mapping = reader.mapping(keys: ["at", "device", "labels", "trap", "variables"]) else { return nil }
        let at = mapping.required("at")?.duration(allowZero: true)
        let device = mapping.required("device")?.nonEmptyString()
        var deviceLabels = LabelSet()
        for (name, value, _) in mapping.optional("labels")?.stringMap() ?? [] { deviceLabels[name] = value }
        var trapOID: OID?
        if let trapReader = mapping.required("trap"), let text = trapReader.string() {
            trapOID = TrapCatalog.notificationOID(text)
            if trapOID == nil {
                trapReader.report("unknown notification \"\(text)\"; use a known name or a numeric OID")
            }
        }
        var variables: [TrapEvent.Variable] = []
        var valid = true
        for (name, value, keyReader) in mapping.optional("variables")?.stringMap() ?? [] {
            guard let oid = Self.variableOID(name) else {
                keyReader.report("unknown variable \"\(name)\"; use a known object's name or oid_ and its OID")
                valid = false
                continue
            }
            variables.append(
                TrapEvent.Variable(oid: oid, text: value, integer: Int64(value), objectIdentifier: OID(value)))
        }
        guard let at, let device, let trapOID, valid else { return nil }
        let event = TrapEvent(
            device: DeviceID(device), deviceLabels: deviceLabels, trapOID: trapOID, variables: variables,
            receivedAt: Date(timeIntervalSince1970: 0))
        return RuleTestTrap(at: at, event: event)
    }

    /// The OID of a variable named as its label: a known object (instance `.0`), or `oid_1_3_6_…`.
    private static func variableOID(_ name: String) -> OID? {
        if let object = TrapCatalog.objects.first(where: { $0.name == name }) {
            return OID(object.oid.components + [0])
        }
        guard name.hasPrefix("oid_") else { return nil }
        return OID(name.dropFirst(4).replacingOccurrences(of: "_", with: "."))
    }

    private static func readExpectation(_ reader: NodeReader) -> RuleTestExpectation? {
        guard let mapping = reader.mapping(keys: ["eval_time", "alertname", "exp_alerts"]) else { return nil }
        let evalTime = mapping.required("eval_time")?.duration(allowZero: true)
        let alertName = mapping.required("alertname")?.name(.label, what: "alert name")
        let alerts = (mapping.optional("exp_alerts")?.list() ?? []).compactMap(readExpectedAlert)
        guard let evalTime, let alertName else { return nil }
        return RuleTestExpectation(
            evalTime: evalTime, alertName: alertName, alerts: alerts, location: reader.location)
    }

    private static func readExpectedAlert(_ reader: NodeReader) -> ExpectedAlert? {
        guard let mapping = reader.mapping(keys: ["exp_labels", "exp_annotations"]) else { return nil }
        var labels = LabelSet()
        for (name, value, _) in mapping.optional("exp_labels")?.stringMap() ?? [] where name != "alertname" {
            labels[name] = value
        }
        var summary: String?
        var description: String?
        for (name, value, keyReader) in mapping.optional("exp_annotations")?.stringMap() ?? [] {
            switch name {
            case "summary": summary = value
            case "description": description = value
            default: keyReader.report("unknown annotation \"\(name)\"; rules have summary and description")
            }
        }
        return ExpectedAlert(labels: labels, summary: summary, description: description)
    }
}

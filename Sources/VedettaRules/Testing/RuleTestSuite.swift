public import VedettaCore

/// A rule unit-test file (`vedetta test rules`), like `promtool test rules`: rule files, input series over time,
/// and the alerts expected to fire at given times.
public struct RuleTestSuite: Sendable {
    /// The test file, as given.
    public var file: String
    /// The rules of its `rule_files`, in file order.
    public var rules: [AlertRule]
    /// The trap rules of its `rule_files`, in file order.
    public var trapRules: [TrapRule]
    /// Its tests, in file order.
    public var cases: [RuleTestCase]

    /// Creates a suite.
    public init(file: String, rules: [AlertRule], trapRules: [TrapRule] = [], cases: [RuleTestCase]) {
        self.file = file
        self.rules = rules
        self.trapRules = trapRules
        self.cases = cases
    }
}

/// One test of a suite: series sampled every `interval`, and alert expectations.
public struct RuleTestCase: Sendable {
    /// The test's `name`, or `test N`.
    public var name: String
    /// The time between two samples of the input series (one poll).
    public var interval: Duration
    /// The input series.
    public var series: [RuleTestSeries]
    /// The input SNMP notifications, for trap rules.
    public var traps: [RuleTestTrap]
    /// What must fire, and when.
    public var expectations: [RuleTestExpectation]
    /// Where the test is written.
    public var location: SourceLocation

    /// Creates a test.
    public init(
        name: String, interval: Duration, series: [RuleTestSeries], traps: [RuleTestTrap] = [],
        expectations: [RuleTestExpectation], location: SourceLocation
    ) {
        self.name = name
        self.interval = interval
        self.series = series
        self.traps = traps
        self.expectations = expectations
        self.location = location
    }
}

/// One input series: its name and labels, and its value at each poll (`nil`: no sample at that poll).
public struct RuleTestSeries: Sendable {
    /// The metric name.
    public var name: String
    /// The labels; `device` says which device's poll the sample belongs to, `probe` and `check` which check's.
    public var labels: LabelSet
    /// The value at poll 0, 1, 2 …; `nil` for a poll without the sample.
    public var values: [Double?]

    /// Creates a series.
    public init(name: String, labels: LabelSet, values: [Double?]) {
        self.name = name
        self.labels = labels
        self.values = values
    }
}

/// One input notification (`input_traps`): when it arrives, from which device, which notification, with which
/// variables (named as its labels are: `ifIndex: 7`, `ifAdminStatus: up`).
public struct RuleTestTrap: Sendable {
    /// When it arrives, from the first poll.
    public var at: Duration
    /// The notification, as the trap intake hands it to the rules.
    public var event: TrapEvent

    /// Creates an input notification.
    public init(at: Duration, event: TrapEvent) {
        self.at = at
        self.event = event
    }
}

/// The alerts of one rule expected to be firing at one time.
public struct RuleTestExpectation: Sendable {
    /// When, from the first poll.
    public var evalTime: Duration
    /// The rule (`alertname`).
    public var alertName: String
    /// The firing alerts expected, any order; empty: none fires.
    public var alerts: [ExpectedAlert]
    /// Where the expectation is written.
    public var location: SourceLocation

    /// Creates an expectation.
    public init(evalTime: Duration, alertName: String, alerts: [ExpectedAlert], location: SourceLocation) {
        self.evalTime = evalTime
        self.alertName = alertName
        self.alerts = alerts
        self.location = location
    }
}

/// One firing alert expected: its labels (without `alertname`) and, when given, its rendered summary and
/// description.
public struct ExpectedAlert: Sendable, Hashable {
    /// The alert's labels, `alertname` left out.
    public var labels: LabelSet
    /// The expected `summary`, if checked.
    public var summary: String?
    /// The expected `description`, if checked.
    public var description: String?

    /// Creates an expected alert.
    public init(labels: LabelSet, summary: String? = nil, description: String? = nil) {
        self.labels = labels
        self.summary = summary
        self.description = description
    }
}

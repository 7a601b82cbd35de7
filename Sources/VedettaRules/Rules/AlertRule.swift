public import VedettaCore

/// One alert rule from `alerts/*.yaml`.
public struct AlertRule: Sendable, Hashable {
    /// The alert name (`alert`), e.g. `DeviceUnreachable`; unique across all files.
    public var name: String
    /// The parsed condition (`expr`).
    public var expression: RuleExpression
    /// The condition as written, for messages and the API.
    public var expressionText: String
    /// How long the condition must hold before the alert fires (`for`, default 0).
    public var holdDuration: Duration
    /// How long a firing alert keeps firing after its condition stopped holding (`keep_firing_for`, default 0):
    /// a condition that stops holding and holds again within it neither resolves nor fires again.
    public var keepFiringFor: Duration
    /// The condition under which a firing alert clears (`clear`), for hysteresis: with `expr: cpu > 90` and
    /// `clear: cpu < 75`, a firing alert stays firing between 75 and 90. `nil`: it clears when `expr` stops holding.
    public var clearExpression: RuleExpression?
    /// `clear` as written.
    public var clearText: String?
    /// Whether the rule firing means its device is down (`device_down`, default `false`), e.g. `DeviceUnreachable`:
    /// the alerts of the devices behind it (their `parents`) then page nobody.
    public var marksDeviceDown: Bool
    /// When its alerts count as flapping (`flapping`, default ``FlappingPolicy/standard``); `nil` never
    /// (`flapping: false`).
    public var flapping: FlappingPolicy?
    /// What happens when a device keeps answering without the rule's data (`no_data`); `nil` keeps its alerts.
    public var noData: NoDataPolicy?
    /// Severity (`severity`, default `warning`).
    public var severity: Severity
    /// One-line summary template (`summary`), with `{{ $labels.NAME }}` and `{{ $value }}`.
    public var summary: String
    /// Longer description template (`description`), same placeholders.
    public var description: String
    /// Extra labels attached to the alert (`labels`), e.g. `team: network`.
    public var labels: LabelSet
    /// Where the rule is defined.
    public var location: SourceLocation

    /// Creates a rule.
    public init(
        name: String,
        expression: RuleExpression,
        expressionText: String,
        holdDuration: Duration = .zero,
        keepFiringFor: Duration = .zero,
        clearExpression: RuleExpression? = nil,
        clearText: String? = nil,
        marksDeviceDown: Bool = false,
        noData: NoDataPolicy? = nil,
        flapping: FlappingPolicy? = .standard,
        severity: Severity = .warning,
        summary: String = "",
        description: String = "",
        labels: LabelSet = LabelSet(),
        location: SourceLocation
    ) {
        self.name = name
        self.expression = expression
        self.expressionText = expressionText
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.clearExpression = clearExpression
        self.clearText = clearText ?? clearExpression?.description
        self.marksDeviceDown = marksDeviceDown
        self.noData = noData
        self.flapping = flapping
        self.severity = severity
        self.summary = summary
        self.description = description
        self.labels = labels
        self.location = location
    }
}

extension AlertRule {
    /// Whether `other` says the same as this rule, wherever each is written: a configuration reload keeps the
    /// state of the rules that do.
    public func hasSameDefinition(as other: AlertRule) -> Bool {
        var other = other
        other.location = location
        return self == other
    }
}

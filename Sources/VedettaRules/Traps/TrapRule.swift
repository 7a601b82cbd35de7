import Foundation
public import VedettaCore

/// A rule that turns SNMP notifications into alerts (`trap:` in `alerts/*.yaml`): a notification opens the
/// alert, a clearing notification or a quiet period resolves it.
///
/// ```yaml
/// - alert: PortDown
///   trap: linkDown
///   clear: linkUp
///   match_on: [ifIndex]
///   resolve_after: 1h
/// ```
public struct TrapRule: Sendable, Hashable {
    /// How long an alert stays open after its last notification when `resolve_after` is not given.
    public static let defaultResolveAfter: Duration = .seconds(3600)

    /// The alert name (`alert`); unique across all rules.
    public var name: String
    /// The notifications that open (or keep open) the alert.
    public var trap: TrapPattern
    /// The notifications that resolve it (`clear`), if any.
    public var clear: TrapPattern?
    /// The variable labels that tell one alert of a device from another (`match_on`): a `linkDown` for port 3 and
    /// one for port 4 are two alerts, and only a `linkUp` for port 3 clears the first.
    public var matchOn: [String]
    /// How long after its last notification the alert resolves by itself (`resolve_after`).
    public var resolveAfter: Duration
    /// Severity (`severity`, default `warning`).
    public var severity: Severity
    /// One-line summary template, with `{{ $labels.NAME }}` over the notification's labels.
    public var summary: String
    /// Longer description template.
    public var description: String
    /// Extra labels attached to the alert.
    public var labels: LabelSet
    /// Where the rule is defined.
    public var location: SourceLocation

    /// Creates a rule.
    public init(
        name: String, trap: TrapPattern, clear: TrapPattern? = nil, matchOn: [String] = [],
        resolveAfter: Duration = defaultResolveAfter, severity: Severity = .warning, summary: String = "",
        description: String = "", labels: LabelSet = LabelSet(), location: SourceLocation
    ) {
        self.name = name
        self.trap = trap
        self.clear = clear
        self.matchOn = matchOn
        self.resolveAfter = resolveAfter
        self.severity = severity
        self.summary = summary
        self.description = description
        self.labels = labels
        self.location = location
    }
}

/// Which notifications a trap rule takes: a name or numeric OID, optionally with label matchers on the
/// notification's labels, e.g. `linkDown{ifAdminStatus="up"}` or `upsTrapAlarmEntryRemoved{upsAlarmDescr="upsAlarmOnBattery"}`.
public struct TrapPattern: Sendable, Hashable, CustomStringConvertible {
    /// The notification OID.
    public var oid: OID
    /// Conditions on the notification's labels.
    public var matchers: [LabelMatcher]
    /// The pattern as written.
    public var description: String

    /// Creates a pattern.
    public init(oid: OID, matchers: [LabelMatcher] = [], description: String? = nil) {
        self.oid = oid
        self.matchers = matchers
        self.description = description ?? oid.description
    }

    /// Parses `NAME`, `NUMERIC.OID` or either followed by `{matchers}`.
    /// - Throws: `RuleExpressionError` with the offset of the problem.
    public static func parse(_ text: String) throws(RuleExpressionError) -> TrapPattern {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { $0 != "{" }.trimmingCharacters(in: .whitespaces)
        guard let oid = TrapCatalog.notificationOID(name) else {
            let known = TrapCatalog.notifications.map(\.name).joined(separator: ", ")
            throw RuleExpressionError(
                offset: 0, message: "unknown notification \"\(name)\"; use a numeric OID or one of \(known)")
        }
        var matchers: [LabelMatcher] = []
        if let brace = trimmed.firstIndex(of: "{") {
            let offset = trimmed.distance(from: trimmed.startIndex, to: brace)
            do throws(RuleExpressionError) {
                matchers = try LabelMatcher.parseList(String(trimmed[brace...]))
            } catch {
                throw RuleExpressionError(offset: offset + error.offset, message: error.message)
            }
        }
        return TrapPattern(oid: oid, matchers: matchers, description: trimmed)
    }

    /// Whether `event` is one of these notifications and its labels satisfy every matcher.
    public func matches(_ event: TrapEvent, labels: LabelSet) -> Bool {
        event.trapOID == oid && matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }
}

extension TrapRule {
    /// Whether `other` says the same as this rule, wherever each is written.
    public func hasSameDefinition(as other: TrapRule) -> Bool {
        var other = other
        other.location = location
        return self == other
    }
}

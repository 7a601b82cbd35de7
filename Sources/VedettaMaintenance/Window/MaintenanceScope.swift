public import VedettaCore
public import VedettaRules

/// Which alerts a maintenance window covers: label matchers in the rule language's syntax, all of which must
/// hold, matched against the alert's labels (the series' labels, the device's labels, `alertname` and
/// `severity`). A window always has at least one matcher: a window that silences everything is refused.
public struct MaintenanceScope: Sendable, Hashable, CustomStringConvertible {
    /// The matchers, in the order written.
    public let matchers: [LabelMatcher]

    /// Creates a scope.
    /// - Parameter matchers: At least one matcher.
    /// - Throws: ``MaintenanceError`` (field `match`) when `matchers` is empty.
    public init(_ matchers: [LabelMatcher]) throws(MaintenanceError) {
        guard !matchers.isEmpty else {
            throw .invalid(
                "match", "a window needs at least one label matcher, e.g. device=\"core-sw-1\" or site=\"milano\"")
        }
        self.matchers = matchers
    }

    /// Parses `site="milano", role=~"switch|router"`.
    /// - Parameter text: The matchers as written.
    /// - Throws: ``MaintenanceError`` (field `match`) naming the problem and where it is.
    public static func parse(_ text: String) throws(MaintenanceError) -> MaintenanceScope {
        do {
            return try MaintenanceScope(try LabelMatcher.parseList(text))
        } catch let error as MaintenanceError {
            throw error
        } catch {
            throw .invalid("match", "\(error)")
        }
    }

    /// Whether an alert with `labels` is in scope (a missing label reads as `""`, as in rules).
    public func matches(_ labels: LabelSet) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    /// An equality matcher on a non-empty value, by which windows are indexed: an alert can only match if it has
    /// that label with that value. The most telling one is chosen: `device` first, then the device's own labels,
    /// and labels that many alerts share (`alertname`, `severity`, `probe`) last.
    var indexKey: (name: String, value: String)? {
        func rank(_ name: String) -> Int {
            switch name {
            case "device": 0
            case "alertname", "severity", "probe", "check": 2
            default: 1
            }
        }
        return matchers.filter { $0.operation == .equal && !$0.value.isEmpty }
            .min { rank($0.name) < rank($1.name) }
            .map { ($0.name, $0.value) }
    }

    /// `site="milano", role=~"switch|router"`: what ``parse(_:)`` reads back.
    public var description: String { matchers.map(\.description).joined(separator: ", ") }
}

public import Foundation
public import VedettaCore
public import VedettaIncidents
public import VedettaRules

/// The alert source fed by SNMP notifications: trap rules open an alert when their notification arrives, and
/// resolve it when a clearing notification with the same `match_on` labels arrives or when `resolve_after` has
/// passed since the last notification. Pure: time is the notification's, or the caller's for expiry.
public struct TrapAlertSource: Sendable {
    /// The value of the `probe` label of every trap alert: trap alerts are their own source.
    public static let probeLabel = "trap"

    /// An open alert and when it resolves by itself.
    private struct OpenAlert: Sendable {
        var alert: Alert
        var rule: Int
        var expiresAt: Date
    }

    /// The trap rules, in file order.
    public private(set) var rules: [TrapRule]
    private var open: [String: OpenAlert] = [:]

    /// Creates a source with no open alerts.
    /// - Parameter rules: The trap rules.
    public init(rules: [TrapRule]) {
        self.rules = rules
    }

    /// The alerts a notification opens, and those it resolves.
    ///
    /// A notification of an alert already open keeps it open longer (its `resolve_after` starts again) and
    /// changes nothing else: a UPS that repeats "on battery" every minute pages once.
    /// - Parameter event: The notification.
    /// - Returns: What fired and what resolved, in rule order.
    public mutating func receive(_ event: TrapEvent) -> [AlertChange] {
        let labels = event.labels
        var changes: [AlertChange] = []
        for (index, rule) in rules.enumerated() {
            if let clear = rule.clear, clear.matches(event, labels: labels) {
                let key = Self.identity(rule, labels: labels)
                for (fingerprint, entry) in open
                where entry.rule == index && Self.identity(rule, labels: entry.alert.labels) == key {
                    open.removeValue(forKey: fingerprint)
                    changes.append(Self.resolution(of: entry.alert, at: event.receivedAt))
                }
            }
            guard rule.trap.matches(event, labels: labels) else { continue }
            let identity = Self.identityLabels(rule, event: event, labels: labels)
            let fingerprint = IncidentFingerprint.make(rule: rule.name, labels: identity)
            let expiry = event.receivedAt.addingTimeInterval(rule.resolveAfter.seconds)
            if var entry = open[fingerprint] {
                // A repeat: only its expiry moves, nothing is rendered again.
                entry.expiresAt = max(entry.expiresAt, expiry)
                open[fingerprint] = entry
                continue
            }
            let alert = Self.alert(rule, identity: identity, labels: labels, at: event.receivedAt)
            open[fingerprint] = OpenAlert(alert: alert, rule: index, expiresAt: expiry)
            changes.append(AlertChange(.fired(since: event.receivedAt), alert: alert))
        }
        return changes
    }

    /// Resolves the alerts whose `resolve_after` has passed by `now`.
    /// - Parameter now: The current time.
    /// - Returns: The resolutions, oldest expiry first.
    public mutating func expire(at now: Date) -> [AlertChange] {
        let due = open.filter { $0.value.expiresAt <= now }.sorted { $0.value.expiresAt < $1.value.expiresAt }
        return due.map { fingerprint, entry in
            open.removeValue(forKey: fingerprint)
            return Self.resolution(of: entry.alert, at: entry.expiresAt)
        }
    }

    /// When the next open alert resolves by itself, if any is open.
    public var nextExpiry: Date? { open.values.map(\.expiresAt).min() }

    /// The open trap alerts, for the API and `/metrics`.
    public var activeAlerts: [Alert] { open.values.map(\.alert).sorted(byAlertKey: \.key) }

    /// Takes over the open incidents of trap rules after a restart: each stays open until its clearing
    /// notification, or until `resolve_after` from `now` (the notifications that kept it open meanwhile are not
    /// known).
    /// - Parameters:
    ///   - incidents: The open incidents.
    ///   - now: The current time.
    /// - Returns: The incidents that are not of a trap rule.
    public mutating func adopt(_ incidents: [Incident], at now: Date) -> [Incident] {
        var others: [Incident] = []
        for incident in incidents {
            guard incident.labels["probe"] == Self.probeLabel,
                let index = rules.firstIndex(where: { $0.name == incident.rule }),
                let device = incident.labels["device"]
            else {
                others.append(incident)
                continue
            }
            let alert = Alert(
                ruleName: incident.rule, device: DeviceID(device), labels: incident.labels, value: nil, state: .firing,
                activeSince: incident.detectedAt, firedAt: incident.detectedAt, severity: incident.severity,
                summary: incident.summary, description: incident.description)
            open[alert.fingerprint] = OpenAlert(
                alert: alert, rule: index, expiresAt: now.addingTimeInterval(rules[index].resolveAfter.seconds))
        }
        return others
    }

    /// Takes the rules of a reloaded configuration: an open alert whose rule still exists (by name) and whose device
    /// is still configured stays open, under the rule as it now reads; the others resolve now.
    /// - Parameters:
    ///   - rules: The trap rules of the new configuration.
    ///   - devices: The devices of the new configuration.
    ///   - now: When the reload took place.
    /// - Returns: The resolutions of the alerts that no rule or device keeps, in key order.
    public mutating func reconfigure(rules: [TrapRule], devices: Set<DeviceID>, at now: Date) -> [AlertChange] {
        let indices = Dictionary(rules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [Alert] = []
        for (fingerprint, entry) in open {
            if let index = indices[entry.alert.ruleName], devices.contains(entry.alert.device) {
                open[fingerprint]?.rule = index
            } else {
                open.removeValue(forKey: fingerprint)
                resolved.append(entry.alert)
            }
        }
        self.rules = rules
        return resolved.sorted(byAlertKey: \.key).map { Self.resolution(of: $0, at: now) }
    }

    /// The labels that tell one alert of `rule` from another: the device and the `match_on` labels.
    private static func identity(_ rule: TrapRule, labels: LabelSet) -> [String] {
        [labels["device"] ?? ""] + rule.matchOn.map { labels[$0] ?? "" }
    }

    /// The labels of the alert `rule` raises for `event` (whose labels are `labels`): the device and its labels,
    /// the notification's name and the `match_on` labels, plus the rule's own labels.
    private static func identityLabels(_ rule: TrapRule, event: TrapEvent, labels: LabelSet) -> LabelSet {
        var identity = event.deviceLabels
        for name in ["device", "trap"] + rule.matchOn { identity[name] = labels[name] ?? "" }
        identity["probe"] = probeLabel
        identity = identity.merging(rule.labels)
        identity["alertname"] = rule.name
        identity["severity"] = rule.severity.rawValue
        return identity
    }

    /// The alert `rule` raises for a notification with `labels`, identified by `identity`; its summary and
    /// description may use every label of the notification.
    private static func alert(_ rule: TrapRule, identity: LabelSet, labels: LabelSet, at instant: Date) -> Alert {
        let everything = labels.merging(identity)
        return Alert(
            ruleName: rule.name, device: DeviceID(labels["device"] ?? ""), labels: identity, value: nil,
            state: .firing, activeSince: instant, firedAt: instant, severity: rule.severity,
            summary: AlertTemplate.render(rule.summary, labels: everything, value: nil),
            description: AlertTemplate.render(rule.description, labels: everything, value: nil))
    }

    private static func resolution(of alert: Alert, at instant: Date) -> AlertChange {
        var resolved = alert
        resolved.state = .resolved
        resolved.resolvedAt = instant
        return AlertChange(.resolved(at: instant), alert: resolved)
    }
}

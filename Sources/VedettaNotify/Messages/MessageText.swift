public import Foundation
import VedettaCore
import VedettaIncidents
import VedettaOnCall

/// What a chat, SMS or e-mail channel says about a notification, in one language and on one clock: a title, the
/// rule's description, a few facts, and a short form for SMS.
public struct MessageText: Sendable {
    /// The language of the fixed words.
    public var language: MessageLanguage
    /// The clock times are shown on.
    public var zone: TimeZone

    /// Creates a renderer.
    public init(language: MessageLanguage, zone: TimeZone) {
        self.language = language
        self.zone = zone
    }

    /// The subject, in this language.
    public func title(_ message: NotificationMessage) -> String { message.subject(in: language) }

    /// The rule's description (may be empty), then, for a group, one line per other incident of the group.
    public func details(_ message: NotificationMessage) -> String {
        guard !message.group.isEmpty else { return message.incident.description }
        let lines = message.group.map { incident in
            let device = incident.labels["device"].map { " \(language.words.on) \($0)" } ?? ""
            let state = incident.restoredAt == nil ? "" : " (\(language.words.restored.lowercased()))"
            return "#\(incident.id) \(incident.rule)\(device): \(incident.summary)\(state)"
        }
        let group = "\(language.words.alsoFiring):\n" + lines.joined(separator: "\n")
        return message.incident.description.isEmpty ? group : message.incident.description + "\n\n" + group
    }

    /// The mention that makes a chat page its person (their `chat` handle, as the chat writes it: `<@U024BE7LH>`
    /// for Slack, `@marco` for Mattermost, Rocket.Chat or Telegram), then a space; empty otherwise.
    public func mention(_ message: NotificationMessage) -> String {
        message.recipient?.contacts.chat.map { "\($0) " } ?? ""
    }

    /// Name and value pairs: the incident number, the device, the severity, when it opened, and when it was
    /// restored, with the duration, or who acknowledged it; for a page of an escalation, its level and the link
    /// that acknowledges it.
    public func facts(_ message: NotificationMessage) -> [(name: String, value: String)] {
        let words = language.words
        let incident = message.incident
        var facts: [(name: String, value: String)] = [(words.incident, "#\(incident.id)")]
        if let device = incident.labels["device"] { facts.append((words.device, device)) }
        facts.append((words.severity, language.severityWord(incident.severity)))
        facts.append((words.opened, clock(incident.detectedAt)))
        if let restored = incident.restoredAt {
            facts.append((words.restored, clock(restored)))
            let seconds = max(Int(restored.timeIntervalSince(incident.detectedAt).rounded()), 0)
            facts.append((words.duration, Duration.seconds(seconds).compactDescription))
        }
        if let by = incident.acknowledgedBy { facts.append((words.acknowledgedBy, by)) }
        if let level = message.escalationLevel {
            let round = level.round > 1 ? ", \(words.round) \(level.round)" : ""
            facts.append((words.escalation, "\(words.level) \(level.level)\(round)"))
        }
        if let link = message.acknowledgeURL, incident.acknowledgedAt == nil, incident.restoredAt == nil {
            facts.append((words.acknowledge, link))
        }
        return facts
    }

    /// `2026-12-03 03:12 Europe/Rome`.
    public func clock(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        // Foundation names UTC "GMT"; people expect the name they wrote.
        let name = zone.identifier == "GMT" ? "UTC" : zone.identifier
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) "
            + name
    }

    /// The colour of the event, as chat attachments use it: red for critical, amber for warning, blue for info,
    /// green for a restoration.
    public func color(_ message: NotificationMessage) -> String {
        if message.event == .restored || message.event == .settled { return "#2eb886" }
        switch message.incident.severity {
        case .critical: return "#d00000"
        case .warning: return "#f2a900"
        case .info: return "#439fe0"
        }
    }
}

import VedettaCore
/// The language of what people read in a message: Italian or English.
import VedettaIncidents

///
/// Vedetta's own words are translated (tags, field names, "restored after"); what a rule writes (its summary and
/// description) is sent as the rule writes it.
public enum MessageLanguage: String, Sendable, Hashable, CaseIterable {
    /// Italian.
    case it
    /// English.
    case en

    /// The fixed words of messages.
    struct Words {
        var on: String
        var incident: String
        var device: String
        var severity: String
        var opened: String
        var restored: String
        var duration: String
        var acknowledgedBy: String
        var critical: String
        var warning: String
        var info: String
        var restoredTag: String
        var flappingTag: String
        var settledTag: String
        var escalation: String
        var level: String
        var round: String
        var acknowledge: String
        var reminderTag: String
        var updateTag: String
        var oneMoreAlert: String
        var moreAlerts: String
        var alsoFiring: String
    }

    var words: Words {
        switch self {
        case .en:
            Words(
                on: "on", incident: "Incident", device: "Device", severity: "Severity", opened: "Opened",
                restored: "Restored", duration: "Duration", acknowledgedBy: "Acknowledged by", critical: "critical",
                warning: "warning", info: "info", restoredTag: "RESTORED", flappingTag: "FLAPPING",
                settledTag: "SETTLED", escalation: "Escalation", level: "level", round: "round",
                acknowledge: "Acknowledge", reminderTag: "REMINDER", updateTag: "UPDATE",
                oneMoreAlert: "more alert in this group", moreAlerts: "more alerts in this group",
                alsoFiring: "In the same group")
        case .it:
            Words(
                on: "su", incident: "Incidente", device: "Dispositivo", severity: "Gravità", opened: "Aperto",
                restored: "Ripristinato", duration: "Durata", acknowledgedBy: "Preso in carico da",
                critical: "critico", warning: "avviso", info: "informativo", restoredTag: "RIPRISTINATO",
                flappingTag: "INSTABILE", settledTag: "STABILE", escalation: "Escalation", level: "livello",
                round: "giro", acknowledge: "Prendi in carico", reminderTag: "PROMEMORIA",
                updateTag: "AGGIORNAMENTO", oneMoreAlert: "altro allarme nel gruppo",
                moreAlerts: "altri allarmi nel gruppo", alsoFiring: "Nello stesso gruppo")
        }
    }

    /// The tag at the start of a subject: the severity in capitals, or the event for restorations and flapping.
    func tag(for message: NotificationMessage) -> String {
        switch message.event {
        case .restored: words.restoredTag
        case .flapping: words.flappingTag
        case .settled: words.settledTag
        case .reminder: "\(words.reminderTag) \(severityWord(message.incident.severity).uppercased())"
        case .grouped: words.updateTag
        default: severityWord(message.incident.severity).uppercased()
        }
    }

    /// The severity as a word of this language.
    func severityWord(_ severity: Severity) -> String {
        switch severity {
        case .critical: words.critical
        case .warning: words.warning
        case .info: words.info
        }
    }
}

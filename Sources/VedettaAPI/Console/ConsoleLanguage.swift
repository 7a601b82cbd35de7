import Foundation
import Hummingbird

/// The console's languages: Italian and English, from `?lang=`, then the `vedetta_lang` cookie the switch sets,
/// then `Accept-Language`; English when nothing says.
enum ConsoleLanguage: String, CaseIterable {
    case italian = "it"
    case english = "en"

    /// The cookie that keeps the language chosen with the switch.
    static let cookie = "vedetta_lang"

    /// The language of `request`, and whether it was chosen just now with `?lang=` (the page then sets the cookie).
    static func of(_ request: Request) -> (language: ConsoleLanguage, chosen: Bool) {
        if let asked = request.uri.queryParameters.get("lang").flatMap(ConsoleLanguage.init(rawValue:)) {
            return (asked, true)
        }
        if let kept = request.headers.cookies(named: cookie).lazy.compactMap(ConsoleLanguage.init(rawValue:)).first {
            return (kept, false)
        }
        return (negotiate(request.headers[.acceptLanguage] ?? ""), false)
    }

    /// The first of Italian or English in an `Accept-Language` list, by quality.
    static func negotiate(_ header: String) -> ConsoleLanguage {
        let ranked = header.split(separator: ",").enumerated().compactMap {
            index, item -> (ConsoleLanguage, Double, Int)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first else { return nil }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = ConsoleLanguage(rawValue: primary) else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (language, quality, index) : nil
        }
        return ranked.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.first?.0 ?? .english
    }

    /// The console's words in this language.
    var text: ConsoleText { self == .italian ? .italian : .english }
}

/// Every word the console shows, in one language.
struct ConsoleText {
    var wallboard, incidents, signOut, signIn, user, password, wrongCredentials: String
    var openIncidents, noOpenIncidents, onCallNow, nobodyOnCall, maintenanceNow, noMaintenance: String
    var acknowledgedBy, notAcknowledged, until, devices, site, role, allClear, down, working, inMaintenance: String
    var state, severity, summary, device, detected, restored, acknowledge, addNote, note, timeline, labels: String
    var stateNames: [String: String]
    var severityNames: [String: String]
    /// The timeline's event kinds; a kind not listed shows its code.
    var eventNames: [String: String]
    var open, all, filter, noIncidents, since, incident, updated, live, reconnecting: String
    var devicesTitle, search, noDevices, model, address, vendor, serial, lastPoll, samples, metric, value: String
    var moreSamples: String
    var onCall, from, to, person, substitution, covers, substitutions, noSubstitutions, remove: String
    var addSubstitution, schedule, substitute, reason, localTimeHint: String
    var reports, period, groupBy, show, openHTML, downloadCSV: String
    var periodNames, groupingNames: [String: String]
    var maintenance, calendarFeed, endNow, scope, scheduleMaintenance, duration, repeats: String
    var maintenanceTimeHint, matches: String
    var restore, category, save, openManual: String

    static let english = ConsoleText(
        wallboard: "Wallboard", incidents: "Incidents", signOut: "Sign out", signIn: "Sign in", user: "User",
        password: "Password", wrongCredentials: "Wrong user name or password.",
        openIncidents: "Open incidents", noOpenIncidents: "No open incidents", onCallNow: "On call now",
        nobodyOnCall: "Nobody on call", maintenanceNow: "Maintenance in progress", noMaintenance: "No maintenance now",
        acknowledgedBy: "acknowledged by", notAcknowledged: "not acknowledged", until: "until", devices: "devices",
        site: "Site", role: "Role", allClear: "all clear", down: "down", working: "being worked on",
        inMaintenance: "in maintenance", state: "State", severity: "Severity", summary: "Summary", device: "Device",
        detected: "Detected", restored: "Restored", acknowledge: "Acknowledge", addNote: "Add note", note: "Note",
        timeline: "Timeline", labels: "Labels",
        stateNames: ["open": "open", "acknowledged": "acknowledged", "restored": "restored"],
        severityNames: ["critical": "critical", "warning": "warning", "info": "info"],
        eventNames: [
            "opened": "opened", "acknowledged": "acknowledged", "restored": "restored", "notified": "notified",
            "notification_failed": "notification failed", "notification_abandoned": "notification abandoned",
            "muted": "muted", "unmuted": "unmuted", "impact": "impact", "flapping": "flapping", "settled": "settled",
            "note": "note", "categorized": "category", "resolution": "resolution", "ticket": "ticket",
            "escalated": "escalated", "escalation_stopped": "escalation stopped",
            "escalation_postponed": "escalation postponed", "reminder": "reminder", "grouped": "grouped",
            "notification_fallback": "fallback channel",
        ],
        open: "Open", all: "All", filter: "Filter", noIncidents: "No incidents match.", since: "since",
        incident: "Incident", updated: "Updated", live: "live", reconnecting: "reconnecting…",
        devicesTitle: "Devices", search: "Search", noDevices: "No devices match.", model: "Model",
        address: "Address", vendor: "Vendor", serial: "Serial number", lastPoll: "Last poll", samples: "Samples",
        metric: "Metric", value: "Value", moreSamples: "more: narrow the search to see them.",
        onCall: "On call", from: "From", to: "To", person: "Person", substitution: "substitution",
        covers: "covers", substitutions: "Substitutions", noSubstitutions: "No substitutions in the coming weeks.",
        remove: "Remove", addSubstitution: "Add a substitution", schedule: "Schedule", substitute: "Substitute",
        reason: "Reason", localTimeHint: "Times are in the schedule's time zone.",
        reports: "Reports", period: "Period", groupBy: "Group by", show: "Show",
        openHTML: "Open the report (HTML, with charts)", downloadCSV: "Download CSV",
        periodNames: [
            "yesterday": "yesterday", "last-week": "last week", "last-month": "last month", "this-week": "this week",
            "this-month": "this month", "last-30d": "last 30 days",
        ],
        groupingNames: [
            "site": "site", "role": "role", "device": "device", "rule": "rule", "severity": "severity",
            "category": "category",
        ],
        maintenance: "Maintenance", calendarFeed: "Calendar feed (iCalendar)", endNow: "End now",
        scope: "Devices (labels)", scheduleMaintenance: "Schedule maintenance",
        duration: "Duration", repeats: "Repeats (RRULE, optional)",
        maintenanceTimeHint:
            "The start is on the wall clock of the time zone given; a window mutes the pages of the devices it matches.",
        matches: "matches", restore: "Restore", category: "Category", save: "Save",
        openManual: "Open an incident by hand")

    static let italian = ConsoleText(
        wallboard: "Quadro", incidents: "Incidenti", signOut: "Esci", signIn: "Accedi", user: "Utente",
        password: "Password", wrongCredentials: "Nome utente o password errati.",
        openIncidents: "Incidenti aperti", noOpenIncidents: "Nessun incidente aperto", onCallNow: "Reperibile ora",
        nobodyOnCall: "Nessun reperibile", maintenanceNow: "Manutenzione in corso",
        noMaintenance: "Nessuna manutenzione in corso", acknowledgedBy: "preso in carico da",
        notAcknowledged: "non preso in carico", until: "fino a", devices: "apparati", site: "Sede", role: "Ruolo",
        allClear: "tutto regolare", down: "guasto", working: "in lavorazione", inMaintenance: "in manutenzione",
        state: "Stato", severity: "Gravità", summary: "Descrizione", device: "Apparato", detected: "Rilevato",
        restored: "Ripristinato", acknowledge: "Prendi in carico", addNote: "Aggiungi nota", note: "Nota",
        timeline: "Cronologia", labels: "Etichette",
        stateNames: ["open": "aperto", "acknowledged": "preso in carico", "restored": "ripristinato"],
        severityNames: ["critical": "critico", "warning": "avviso", "info": "informativo"],
        eventNames: [
            "opened": "aperto", "acknowledged": "preso in carico", "restored": "ripristinato", "notified": "notificato",
            "notification_failed": "notifica non riuscita", "notification_abandoned": "notifica abbandonata",
            "muted": "silenziato", "unmuted": "riattivato", "impact": "impatto", "flapping": "instabile",
            "settled": "stabilizzato", "note": "nota", "categorized": "categoria", "resolution": "risoluzione",
            "ticket": "ticket", "escalated": "escalation", "escalation_stopped": "escalation fermata",
            "escalation_postponed": "escalation rinviata", "reminder": "promemoria", "grouped": "raggruppato",
            "notification_fallback": "canale di riserva",
        ],
        open: "Aperti", all: "Tutti", filter: "Filtra", noIncidents: "Nessun incidente corrisponde.", since: "da",
        incident: "Incidente", updated: "Aggiornato", live: "in diretta", reconnecting: "riconnessione…",
        devicesTitle: "Apparati", search: "Cerca", noDevices: "Nessun apparato corrisponde.", model: "Modello",
        address: "Indirizzo", vendor: "Produttore", serial: "Numero di serie", lastPoll: "Ultima interrogazione",
        samples: "Campioni", metric: "Metrica", value: "Valore",
        moreSamples: "altri: restringi la ricerca per vederli.",
        onCall: "Reperibilità", from: "Dal", to: "Al", person: "Persona", substitution: "sostituzione",
        covers: "copre", substitutions: "Sostituzioni",
        noSubstitutions: "Nessuna sostituzione nelle prossime settimane.",
        remove: "Elimina", addSubstitution: "Aggiungi una sostituzione", schedule: "Turno", substitute: "Sostituto",
        reason: "Motivo", localTimeHint: "Gli orari sono nel fuso orario del turno.",
        reports: "Report", period: "Periodo", groupBy: "Raggruppa per", show: "Mostra",
        openHTML: "Apri il report (HTML, con grafici)", downloadCSV: "Scarica CSV",
        periodNames: [
            "yesterday": "ieri", "last-week": "settimana scorsa", "last-month": "mese scorso",
            "this-week": "questa settimana", "this-month": "questo mese", "last-30d": "ultimi 30 giorni",
        ],
        groupingNames: [
            "site": "sede", "role": "ruolo", "device": "apparato", "rule": "regola", "severity": "gravità",
            "category": "categoria",
        ],
        maintenance: "Manutenzione", calendarFeed: "Calendario (iCalendar)", endNow: "Termina ora",
        scope: "Apparati (etichette)",
        scheduleMaintenance: "Pianifica manutenzione",
        duration: "Durata", repeats: "Ripetizione (RRULE, facoltativa)",
        maintenanceTimeHint:
            "L'inizio è sull'orologio del fuso orario indicato; una finestra silenzia gli apparati che include.",
        matches: "include", restore: "Ripristina", category: "Categoria", save: "Salva",
        openManual: "Apri un incidente a mano")
}

/// The words of the maintenance calendar and of a window's page, in one language.
struct MaintenanceWords {
    var week, month, list, previous, next, today, timesIn, more: String
    /// Monday first.
    var weekdays: [String]
    /// January first.
    var months: [String]
    var window, edit, extend, extendBy, delete, confirmDelete, nextOccurrences, history, fromFile: String
    var timeZone, exceptions, createdBy, changedAt, origin, once, noOccurrences, none: String
    var stateNames: [String: String]
    var actionNames: [String: String]
    var startHint: String

    static let english = MaintenanceWords(
        week: "Week", month: "Month", list: "List", previous: "Previous", next: "Next", today: "Today",
        timesIn: "Times in", more: "more",
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        window: "Maintenance window", edit: "Change the window", extend: "Extend", extendBy: "Extend by",
        delete: "Delete the window", confirmDelete: "Delete this window? Its occurrences stop muting at once.",
        nextOccurrences: "Occurrences", history: "History",
        fromFile: "This window is defined in a file; change it there and reload the agent:", timeZone: "Time zone",
        exceptions: "Skipped starts", createdBy: "Created by", changedAt: "Last changed", origin: "Origin",
        once: "once", noOccurrences: "No more occurrences.", none: "none",
        stateNames: ["active": "in progress", "upcoming": "planned", "over": "over", "deleted": "deleted"],
        actionNames: [
            "created": "created", "edited": "changed", "ended": "ended early", "extended": "extended",
            "deleted": "deleted",
        ],
        startHint: "Start and skipped starts are on the wall clock of the window's time zone.")

    static let italian = MaintenanceWords(
        week: "Settimana", month: "Mese", list: "Elenco", previous: "Precedente", next: "Successivo", today: "Oggi",
        timesIn: "Orari nel fuso", more: "altre",
        weekdays: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
        months: [
            "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
            "novembre", "dicembre",
        ],
        window: "Finestra di manutenzione", edit: "Modifica la finestra", extend: "Prolunga",
        extendBy: "Prolunga di", delete: "Elimina la finestra",
        confirmDelete: "Eliminare questa finestra? Le sue occorrenze smettono subito di silenziare.",
        nextOccurrences: "Occorrenze", history: "Storia",
        fromFile: "Questa finestra è definita in un file; modificala lì e ricarica l'agente:",
        timeZone: "Fuso orario", exceptions: "Inizi saltati", createdBy: "Creata da", changedAt: "Ultima modifica",
        origin: "Origine", once: "una volta", noOccurrences: "Nessuna altra occorrenza.", none: "nessuno",
        stateNames: ["active": "in corso", "upcoming": "pianificata", "over": "conclusa", "deleted": "eliminata"],
        actionNames: [
            "created": "creata", "edited": "modificata", "ended": "terminata in anticipo", "extended": "prolungata",
            "deleted": "eliminata",
        ],
        startHint: "L'inizio e gli inizi saltati sono sull'orologio del fuso orario della finestra.")
}

extension ConsoleLanguage {
    /// The maintenance pages' words in this language.
    var maintenanceWords: MaintenanceWords { self == .italian ? .italian : .english }
}

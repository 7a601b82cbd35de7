/// The words of a report in one language.
struct ReportWords: Sendable {
    let title: String
    let period: String
    let previousPeriod: String
    let generated: String
    let timeZone: String
    let severities: String
    let allSeverities: String
    let downtimeCounts: String
    let businessHours: String
    let noBusinessHours: String
    let total: String
    let none: String
    let uncategorized: String
    let groupings: [ReportGrouping: String]
    let devices: String
    let incidents: String
    let plannedIncidents: String
    let mtta: String
    let mttr: String
    let median: String
    let p90: String
    let downtime: String
    let plannedDowntime: String
    let availability: String
    let businessAvailability: String
    let change: String
    let targets: String
    let target: String
    let goal: String
    let value: String
    let previousValue: String
    let verdict: String
    let met: String
    let missed: String
    let notMeasured: String
    let figures: [String: String]
    let topDevices: String
    let topRules: String
    let device: String
    let rule: String
    let mttrTrend: String
    let week: String
    let downtimeCalendar: String
    let noIncidents: String
    let dayUnit: String
    let months: [String]
    let weekdayInitials: [String]
    let weekdayNames: [String]
    let holidays: String
    let severityNames: [String: String]
    let statistics: [String: String]
    let definitions: String
    let definitionLines: [String]

    static let english = ReportWords(
        title: "Incident report",
        period: "Period",
        previousPeriod: "Compared with",
        generated: "Generated",
        timeZone: "Time zone",
        severities: "Severities",
        allSeverities: "all",
        downtimeCounts: "Downtime counts incidents of severity",
        businessHours: "Business hours",
        noBusinessHours: "none configured (24×7 only)",
        total: "Total",
        none: "(none)",
        uncategorized: "(uncategorized)",
        groupings: [
            .site: "Site", .role: "Role", .device: "Device", .rule: "Rule", .severity: "Severity",
            .category: "Category",
        ],
        devices: "Devices",
        incidents: "Incidents",
        plannedIncidents: "Planned",
        mtta: "MTTA",
        mttr: "MTTR",
        median: "median",
        p90: "p90",
        downtime: "Downtime",
        plannedDowntime: "Planned maintenance",
        availability: "Availability 24×7",
        businessAvailability: "Availability in business hours",
        change: "Change",
        targets: "Targets",
        target: "Target",
        goal: "Goal",
        value: "Value",
        previousValue: "Previous",
        verdict: "Result",
        met: "met",
        missed: "MISSED",
        notMeasured: "nothing to measure",
        figures: [
            "availability": "availability 24×7", "business_availability": "availability in business hours",
            "time_to_restore": "time to restore", "time_to_acknowledge": "time to acknowledge",
        ],
        topDevices: "Devices with the most downtime",
        topRules: "Rules with the most downtime",
        device: "Device",
        rule: "Rule",
        mttrTrend: "Mean time to restore per week",
        week: "Week of",
        downtimeCalendar: "Downtime per day",
        noIncidents: "No incidents in this period.",
        dayUnit: "d",
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        weekdayInitials: ["M", "T", "W", "T", "F", "S", "S"],
        weekdayNames: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        holidays: "holidays",
        severityNames: ["critical": "critical", "warning": "warning", "info": "info"],
        statistics: ["mean": "mean", "median": "median", "p90": "p90"],
        definitions: "How the figures are computed",
        definitionLines: [
            "Incidents, MTTA and MTTR count incidents whose outage began in the period, timed from its start.",
            "Downtime is device-time under incidents at or above the downtime severity; overlaps count once per device.",
            "Availability is the share of device-time without downtime, around the clock and within business hours.",
            "Incidents that opened in a maintenance window are planned until the window ends; planned time is not downtime.",
        ]
    )

    static let italian = ReportWords(
        title: "Rapporto incidenti",
        period: "Periodo",
        previousPeriod: "Confronto con",
        generated: "Generato",
        timeZone: "Fuso orario",
        severities: "Gravità",
        allSeverities: "tutte",
        downtimeCounts: "Il disservizio conta gli incidenti di gravità",
        businessHours: "Orario di servizio",
        noBusinessHours: "non configurato (solo 24×7)",
        total: "Totale",
        none: "(nessuno)",
        uncategorized: "(non classificato)",
        groupings: [
            .site: "Sede", .role: "Ruolo", .device: "Apparato", .rule: "Regola", .severity: "Gravità",
            .category: "Categoria",
        ],
        devices: "Apparati",
        incidents: "Incidenti",
        plannedIncidents: "Pianificati",
        mtta: "MTTA",
        mttr: "MTTR",
        median: "mediana",
        p90: "p90",
        downtime: "Disservizio",
        plannedDowntime: "Manutenzione pianificata",
        availability: "Disponibilità 24×7",
        businessAvailability: "Disponibilità in orario di servizio",
        change: "Variazione",
        targets: "Obiettivi",
        target: "Obiettivo",
        goal: "Soglia",
        value: "Valore",
        previousValue: "Precedente",
        verdict: "Esito",
        met: "raggiunto",
        missed: "MANCATO",
        notMeasured: "nulla da misurare",
        figures: [
            "availability": "disponibilità 24×7", "business_availability": "disponibilità in orario di servizio",
            "time_to_restore": "tempo di ripristino", "time_to_acknowledge": "tempo di presa in carico",
        ],
        topDevices: "Apparati con più disservizio",
        topRules: "Regole con più disservizio",
        device: "Apparato",
        rule: "Regola",
        mttrTrend: "Tempo medio di ripristino per settimana",
        week: "Settimana del",
        downtimeCalendar: "Disservizio per giorno",
        noIncidents: "Nessun incidente nel periodo.",
        dayUnit: "g",
        months: [
            "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
            "novembre", "dicembre",
        ],
        weekdayInitials: ["L", "M", "M", "G", "V", "S", "D"],
        weekdayNames: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
        holidays: "festivi",
        severityNames: ["critical": "critica", "warning": "avviso", "info": "informativa"],
        statistics: ["mean": "media", "median": "mediana", "p90": "p90"],
        definitions: "Come sono calcolati i valori",
        definitionLines: [
            "Incidenti, MTTA e MTTR contano gli incidenti il cui disservizio è iniziato nel periodo, misurati dal suo inizio.",
            "Il disservizio è tempo-apparato sotto incidenti di gravità pari o superiore a quella indicata; le sovrapposizioni contano una volta per apparato.",
            "La disponibilità è la quota di tempo-apparato senza disservizio, 24 ore su 24 e in orario di servizio.",
            "Gli incidenti aperti in una finestra di manutenzione sono pianificati fino alla sua fine; il tempo pianificato non è disservizio.",
        ]
    )
}

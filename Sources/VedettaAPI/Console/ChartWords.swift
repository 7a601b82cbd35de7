/// The words of the device page's charts, in one language.
struct ChartWords {
    var lastHours, perSecond, noHistory, latest, lowest, mean, highest, time, backToDevice, timesIn: String
    /// "One point every …": followed by the step.
    var onePointEvery: String
    /// What a point of a gauge and of a counter is.
    var gaugeMeaning, counterMeaning: String

    static let english = ChartWords(
        lastHours: "Last hours", perSecond: "per second",
        noHistory: "No history of this series yet: its points appear once it has been polled.", latest: "Latest",
        lowest: "Lowest", mean: "Mean", highest: "Highest", time: "Time", backToDevice: "Back to the device",
        timesIn: "Times in", onePointEvery: "One point every",
        gaugeMeaning: "each point is the mean of the values polled in its step.",
        counterMeaning: "each point is the counter's mean rate per second over its step.")

    static let italian = ChartWords(
        lastHours: "Ultime ore", perSecond: "al secondo",
        noHistory: "Ancora nessuno storico di questa serie: i punti compaiono dopo le prime interrogazioni.",
        latest: "Ultimo", lowest: "Minimo", mean: "Media", highest: "Massimo", time: "Ora",
        backToDevice: "Torna al dispositivo", timesIn: "Orari nel fuso", onePointEvery: "Un punto ogni",
        gaugeMeaning: "ogni punto è la media dei valori letti nel suo intervallo.",
        counterMeaning: "ogni punto è la velocità media al secondo del contatore nel suo intervallo.")
}

extension ConsoleLanguage {
    /// The charts' words in this language.
    var chartWords: ChartWords { self == .italian ? .italian : .english }
}

import Foundation
import VedettaCore

/// The report as CSV: a header row and one row per group, then the total. English uses `,` and a decimal point;
/// Italian uses `;` and a decimal comma, as spreadsheets in each locale expect. Durations are minutes, availability
/// percent. A UTF-8 byte-order mark makes spreadsheets read accents right.
struct CSVReport {
    let context: ReportContext

    init(_ context: ReportContext) {
        self.context = context
    }

    private var separator: String { context.language == .english ? "," : ";" }

    func render() -> String {
        let words = context.words
        let minutes = "(min)"
        var header = [
            context.groupHeading, words.devices, words.incidents, words.plannedIncidents,
            "\(words.mtta) \(minutes)", "\(words.mtta) \(words.median) \(minutes)",
            "\(words.mtta) \(words.p90) \(minutes)",
            "\(words.mttr) \(minutes)", "\(words.mttr) \(words.median) \(minutes)",
            "\(words.mttr) \(words.p90) \(minutes)",
            "\(words.downtime) \(minutes)", "\(words.plannedDowntime) \(minutes)", "\(words.availability) (%)",
            "\(words.businessAvailability) (%)", "\(words.previousValue): \(words.incidents)",
            "\(words.previousValue): \(words.availability) (%)",
            "\(words.previousValue): \(words.businessAvailability) (%)",
            "\(words.previousValue): \(words.mttr) \(minutes)",
        ]
        header = header.map(field)
        var lines = [header.joined(separator: separator)]
        for group in context.report.groups {
            lines.append(row(group, name: context.name(of: group)))
        }
        lines.append(row(context.report.total, name: words.total))
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    private func row(_ group: KPIReport.Group, name: String) -> String {
        let cells = [
            field(name), String(group.devices), String(group.incidents), String(group.plannedIncidents),
            minutes(group.timeToAcknowledge?.mean), minutes(group.timeToAcknowledge?.median),
            minutes(group.timeToAcknowledge?.p90), minutes(group.timeToRestore?.mean),
            minutes(group.timeToRestore?.median), minutes(group.timeToRestore?.p90), minutes(group.downtimeSeconds),
            minutes(group.plannedDowntimeSeconds), number(group.availability, digits: 4),
            number(group.businessAvailability, digits: 4), group.previous.map { String($0.incidents) } ?? "",
            number(group.previous?.availability, digits: 4), number(group.previous?.businessAvailability, digits: 4),
            minutes(group.previous?.meanTimeToRestore),
        ]
        return cells.joined(separator: separator)
    }

    private func minutes(_ seconds: Double?) -> String {
        number(seconds.map { $0 / 60 }, digits: 2)
    }

    /// A number without thousands separators (spreadsheets read them as text), empty when missing.
    private func number(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "" }
        var text = String(format: "%.\(digits)f", value)
        if context.language == .italian { text = text.replacingOccurrences(of: ".", with: ",") }
        return text
    }

    /// A text field (see ``CSVField``).
    private func field(_ text: String) -> String {
        CSVField.quoted(text, separator: separator)
    }
}

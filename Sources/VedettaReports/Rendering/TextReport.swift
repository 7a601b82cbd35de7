/// The report as aligned text for a terminal.
struct TextReport {
    let context: ReportContext

    init(_ context: ReportContext) {
        self.context = context
    }

    func render() -> String {
        let report = context.report
        let words = context.words
        let language = context.language
        var lines: [String] = []
        lines.append("\(words.title): \(context.periodText(from: report.from, to: report.to))")
        lines.append("\(words.previousPeriod): \(context.periodText(from: report.previousFrom, to: report.from))")
        lines.append(
            "\(words.timeZone): \(report.timeZone) · \(words.severities): \(context.severitiesText) · "
                + "\(context.downtimeText)")
        lines.append("\(words.businessHours): \(context.businessHoursText)")
        lines.append("")

        var rows: [[String]] = [
            [
                context.groupHeading, words.devices, words.incidents, words.plannedIncidents, words.mtta, words.mttr,
                "\(words.mttr) \(words.p90)", words.downtime, words.availability, words.change,
            ]
        ]
        if report.businessHours != nil { rows[0] += [words.businessAvailability, words.change] }
        for group in report.groups { rows.append(row(group, name: context.name(of: group))) }
        rows.append(row(report.total, name: words.total))
        lines += Self.table(rows, separatorBefore: rows.count - 1)

        if !report.targets.isEmpty {
            lines.append("")
            lines.append(words.targets)
            var targetRows = [[words.target, words.goal, words.value, words.previousValue, words.verdict]]
            for target in report.targets {
                targetRows.append([
                    "\(target.name) (\(context.figureText(target)))", context.goalText(target),
                    context.valueText(target, target.value), context.valueText(target, target.previousValue),
                    context.verdictText(target),
                ])
            }
            lines += Self.table(targetRows, separatorBefore: nil)
        }
        for (title, heading, ranked) in [
            (words.topDevices, words.device, report.topDevices), (words.topRules, words.rule, report.topRules),
        ] where !ranked.isEmpty {
            lines.append("")
            lines.append(title)
            var rankedRows = [[heading, words.downtime, words.incidents]]
            for item in ranked {
                rankedRows.append([
                    item.name, language.duration(item.downtimeSeconds), language.integer(item.incidents),
                ])
            }
            lines += Self.table(rankedRows, separatorBefore: nil)
        }
        if report.total.incidents == 0, report.total.plannedIncidents == 0, report.total.downtimeSeconds == 0 {
            lines.append("")
            lines.append(words.noIncidents)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ group: KPIReport.Group, name: String) -> [String] {
        let language = context.language
        var cells = [
            name, language.integer(group.devices), language.integer(group.incidents),
            language.integer(group.plannedIncidents), language.duration(group.timeToAcknowledge?.mean),
            language.duration(group.timeToRestore?.mean), language.duration(group.timeToRestore?.p90),
            language.duration(group.downtimeSeconds), language.percent(group.availability),
            language.pointChange(group.availability, from: group.previous?.availability),
        ]
        if context.report.businessHours != nil {
            cells += [
                language.percent(group.businessAvailability),
                language.pointChange(group.businessAvailability, from: group.previous?.businessAvailability),
            ]
        }
        return cells
    }

    /// Rows as columns: the first column left-aligned, the others right-aligned; a rule under the header and
    /// before row `separatorBefore`.
    static func table(_ rows: [[String]], separatorBefore: Int?) -> [String] {
        guard let header = rows.first else { return [] }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var lines = [line(header), rule]
        for (index, row) in rows.enumerated().dropFirst() {
            if index == separatorBefore { lines.append(rule) }
            lines.append(line(row))
        }
        return lines
    }
}

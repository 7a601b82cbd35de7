import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaReports

/// `vedetta report`: KPI reports from the incident log.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "KPI report: incidents, MTTA, MTTR, downtime and availability per group, against targets.",
        discussion: """
            The period is --period NAME or --from/--to; dates are local midnight in reports.time_zone, local \
            date-times (2026-11-01T08:00) are in that zone, ISO 8601 with Z or an offset is exact. Each figure is \
            compared with the previous period of the same length. Definitions: docs/reports.md.
            """
    )

    @OptionGroup var location: DataLocation
    @Option(help: "The start (included): 2026-11-01, 2026-11-01T08:00 or ISO 8601.")
    var from: String?
    @Option(help: "The end (excluded), as --from.")
    var to: String?
    @Option(help: "\(ReportPeriod.names.joined(separator: ", ")) (default last-30d unless --from/--to).")
    var period: String?
    @Option(name: .customLong("group-by"), help: "site, role, device, rule, severity or category.")
    var groupBy: String = "site"
    @Option(help: "Only these severities, comma-separated (e.g. critical,warning).")
    var severity: String?
    @Option(help: "text, json, csv or html.")
    var format: String = "text"
    @Option(help: "Write to this file instead of standard output.")
    var output: String?
    @Option(help: "en or it (default reports.language).")
    var lang: String?

    func run() async throws {
        guard let grouping = ReportGrouping(rawValue: groupBy) else {
            throw ValidationError(
                "unknown --group-by \"\(groupBy)\"; use site, role, device, rule, severity or category")
        }
        guard let format = ReportFormat(rawValue: format) else {
            throw ValidationError("unknown --format \"\(self.format)\"; use text, json, csv or html")
        }
        let severities = try severity.map(Self.severities)
        let loaded = try location.configuration()
        let configuration =
            loaded
            ?? VedettaConfiguration(
                agent: AgentConfiguration(dataDirectory: location.data ?? "."), devices: [], rules: [], files: [])
        var language = configuration.reports.language
        if let lang {
            guard let chosen = ReportLanguage(rawValue: lang) else {
                throw ValidationError("unknown --lang \"\(lang)\"; use en or it")
            }
            language = chosen
        }
        let reportPeriod = try chosenPeriod(zone: configuration.reports.timeZone)
        let store = try location.store(of: loaded)
        let report = try await runIncidentCommand("report") {
            try await IncidentReports.make(
                store: try await Agent.openStore(store, create: false), configuration: configuration,
                period: reportPeriod,
                grouping: grouping, severities: severities)
        }
        let document = ReportRenderer.render(report, format: format, language: language, generatedAt: Date())
        if let output {
            do {
                try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("vedetta report: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            print(document, terminator: "")
        }
    }

    private func chosenPeriod(zone: TimeZone) throws -> ReportPeriod {
        // The CLI refuses what the API ignores: a named period with dates, an end without a start.
        if period != nil, from != nil || to != nil { throw ValidationError("give --period or --from/--to, not both") }
        if from == nil, to != nil { throw ValidationError("--to needs --from") }
        do {
            return try ReportPeriod.requested(named: period, from: from, to: to, at: Date(), in: zone)
        } catch {
            throw ValidationError("--\(error.field): \(error.reason)")
        }
    }

    private static func severities(_ text: String) throws -> Set<Severity> {
        do {
            return try ReportRequest.severities(parsing: text)
        } catch {
            throw ValidationError("--severity: \(error.message)")
        }
    }
}

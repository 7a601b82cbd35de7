import Foundation
import Logging
import Metrics
import ServiceLifecycle
import VedettaConfig
import VedettaCore
import VedettaMaintenance
import VedettaReports

/// Makes the scheduled reports of `reports.schedules`: each schedule's report of the week (Monday to Monday) or
/// month that ended last, once that period is over and the schedule's time of day has come, written to
/// `reports.output_dir` as `NAME-START.EXT` in each of its formats.
///
/// Each schedule's report of a period is made exactly once, even across restarts: the store records it after
/// the files are written (atomically, so a crash in between rewrites the same files rather than sending anything
/// twice). An agent that was down at the due time makes the latest report when it starts; older missed periods
/// are not made (ask `vedetta report` for them). Publishes `vedetta_reports_made_total{schedule}`.
actor ReportScheduler: Service {
    private let configuration: VedettaConfiguration
    private let store: any AgentStore
    private let checkInterval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date

    init(
        configuration: VedettaConfiguration, store: any AgentStore, checkInterval: Duration = .seconds(60),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.store = store
        self.checkInterval = checkInterval
        self.logger = logger
        self.now = now
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.makeDueReports()
                try? await Task.sleep(for: self.checkInterval)
            }
        }
    }

    /// Makes every report that is due and not made yet.
    /// - Returns: The files written.
    @discardableResult
    func makeDueReports() async -> [String] {
        var written: [String] = []
        for schedule in configuration.reports.schedules {
            do {
                written += try await makeIfDue(schedule)
            } catch {
                logger.warning(
                    "cannot make a scheduled report; trying again later",
                    metadata: ["report.schedule": "\(schedule.name)", "error": "\(error)"])
            }
        }
        return written
    }

    private func makeIfDue(_ schedule: ReportSchedule) async throws -> [String] {
        let settings = configuration.reports
        let zone = settings.timeZone
        let instant = now()
        let period = ReportPeriod.latestComplete(schedule.every, before: instant, in: zone)
        let due = LocalDateTime(period.to, in: zone)
            .at(hour: schedule.minuteOfDay / 60, minute: schedule.minuteOfDay % 60).instant(in: zone)
        guard instant >= due, period.from < period.to else { return [] }
        guard !(try await store.reportWasMade(schedule: schedule.name, periodStart: period.from)) else { return [] }

        let report = try await IncidentReports.make(
            store: store, configuration: configuration, period: period, grouping: schedule.grouping, severities: nil)
        let directory = settings.outputDirectory ?? configuration.agent.dataDirectory + "/reports"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let start = String(LocalDateTime(period.from, in: zone).description.prefix(10))
        var files: [String] = []
        for format in schedule.formats {
            let path = "\(directory)/\(schedule.name)-\(start).\(format.fileExtension)"
            let document = ReportRenderer.render(
                report, format: format, language: schedule.language ?? settings.language, generatedAt: instant)
            try Data(document.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            files.append(path)
        }
        try await store.recordReport(
            schedule: schedule.name, periodStart: period.from, periodEnd: period.to, at: instant, files: files)
        Counter(label: "vedetta_reports_made_total", dimensions: [("schedule", schedule.name)]).increment()
        logger.info(
            "scheduled report made",
            metadata: [
                "report.schedule": "\(schedule.name)", "report.from": "\(period.from.iso8601Milliseconds)",
                "report.to": "\(period.to.iso8601Milliseconds)", "report.files": "\(files.joined(separator: ","))",
            ])
        return files
    }
}

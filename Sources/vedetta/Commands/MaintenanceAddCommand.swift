import ArgumentParser
import Foundation
import VedettaAgent
import VedettaMaintenance

/// The fields of a window as options, shared by `add` and `edit`.
struct MaintenanceFieldOptions: ParsableArguments {
    @Option(help: "Label matchers, e.g. 'site=\"milano\", role=~\"switch|router\"'.")
    var match: String?
    @Option(help: "First start, local time: 2026-12-05T22:00, or now.")
    var start: String?
    @Option(help: "How long each occurrence lasts: 2h, 90m, 1h30m.")
    var duration: String?
    @Option(help: "First end, local time (instead of --duration).")
    var end: String?
    @Option(name: .customLong("tz"), help: "IANA time zone, e.g. Europe/Rome (default: agent.time_zone).")
    var timeZone: String?
    @Option(help: "RFC 5545 recurrence, e.g. 'FREQ=WEEKLY;BYDAY=SU' or 'FREQ=MONTHLY;BYDAY=-1FR'.")
    var rrule: String?
    @Option(help: "A local start to skip (repeatable).")
    var exdate: [String] = []
    @Option(help: "Why, e.g. a ticket reference.")
    var reason: String?

    func request(by: String, keepingExdates: Bool) -> MaintenanceRequest {
        MaintenanceRequest(
            match: match, start: start, end: end, duration: duration, timeZone: timeZone, rrule: rrule,
            exdates: exdate.isEmpty && keepingExdates ? nil : exdate, reason: reason, by: by)
    }
}

/// `vedetta maintenance add`.
struct AddMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Plan a window: one-off, or recurring with --rrule.",
        discussion: """
            Example: vedetta maintenance add --match 'device="core-sw-1"' --start 2026-12-05T22:00 --duration 2h \
            --reason "firmware upgrade, CHG-1234" --by alice
            """
    )

    @OptionGroup var location: MaintenanceLocation
    @OptionGroup var fields: MaintenanceFieldOptions
    @Option(help: "Who plans it (default: your login name).")
    var by: String = currentUser
    @Flag(help: "Print the window as JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "add")
        let now = Date()
        let window = try await refusing("add") { () async throws(MaintenanceError) in
            try await desk.planner.add(fields.request(by: by, keepingExdates: false), at: now)
        }
        try MaintenancePrinter.printChanged(window, verb: "planned", at: now, json: json)
    }
}

import ArgumentParser
import Foundation
import VedettaAgent
import VedettaMaintenance

/// `vedetta maintenance list`.
struct ListMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List windows with their next occurrences, in their local time and in UTC."
    )

    @OptionGroup var location: MaintenanceLocation
    @Flag(help: "Only windows in progress.")
    var active = false
    @Flag(help: "Only windows still to come (not in progress).")
    var upcoming = false
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if active && upcoming { throw ValidationError("--active and --upcoming exclude each other") }
    }

    func run() async throws {
        let desk = try await location.desk(command: "list")
        let now = Date()
        let state: MaintenanceState? = active ? .active : upcoming ? .upcoming : nil
        let windows = try await refusing("list") { () async throws(MaintenanceError) in
            try await desk.planner.windows(state, at: now)
        }
        let views = windows.map { MaintenanceWindowView($0, at: now) }
        if json {
            print(try jsonText(views))
        } else {
            print(MaintenanceTable.render(views), terminator: "")
        }
    }
}

/// `vedetta maintenance show ID`.
struct ShowMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one window, its next occurrences and its audit trail.")

    @OptionGroup var location: MaintenanceLocation
    @Argument(help: "The window's number.")
    var id: Int64
    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "show")
        let now = Date()
        let (window, audit) = try await refusing("show") { () async throws(MaintenanceError) in
            try await desk.planner.window(id: id)
        }
        let view = MaintenanceWindowView(window, at: now, upcoming: 5)
        if json {
            print(try jsonText(MaintenanceDetailJSON(window: view, audit: audit)))
        } else {
            print(MaintenanceTable.detail(view, audit: audit), terminator: "")
        }
    }
}

/// `vedetta maintenance ics`.
struct MaintenanceFeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Print the windows as an iCalendar feed (the same as GET /api/v1/maintenance.ics)."
    )

    @OptionGroup var location: MaintenanceLocation
    @Option(help: "Write the feed to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let desk = try await location.desk(command: "ics")
        let now = Date()
        let windows = try await refusing("ics") { () async throws(MaintenanceError) in
            try await desk.planner.windows(nil, at: now)
        }
        let feed = MaintenanceFeed.render(windows, calendarName: "Vedetta maintenance", now: now)
        if let output {
            try Data(feed.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(Data(feed.utf8))
        }
    }
}

/// `show --json`: the window and its audit trail.
struct MaintenanceDetailJSON: Encodable {
    var window: MaintenanceWindowView
    var audit: [MaintenanceAuditEntry]
}

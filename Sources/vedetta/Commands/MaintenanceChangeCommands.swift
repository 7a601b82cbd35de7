import ArgumentParser
import Foundation
import VedettaAgent
import VedettaCore
import VedettaMaintenance

/// `vedetta maintenance edit ID`.
struct EditMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change the fields given of a run-time window (windows from files are edited in their file).",
        discussion: "--rrule '' makes a recurring window one-off; --exdate replaces the skipped dates."
    )

    @OptionGroup var location: MaintenanceLocation
    @Argument(help: "The window's number.")
    var id: Int64
    @OptionGroup var fields: MaintenanceFieldOptions
    @Option(help: "Who changes it (default: your login name).")
    var by: String = currentUser
    @Flag(help: "Print the window as JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "edit")
        let now = Date()
        let window = try await refusing("edit") { () async throws(MaintenanceError) in
            try await desk.planner.edit(id: id, fields.request(by: by, keepingExdates: true), at: now)
        }
        try MaintenancePrinter.printChanged(window, verb: "changed", at: now, json: json)
    }
}

/// `vedetta maintenance end ID`.
struct EndMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end",
        abstract: "End the occurrence in progress now: the work is done (a recurring window comes back next time).",
        discussion: "Alerts that still fire page at once, as if the window had ended as planned."
    )

    @OptionGroup var location: MaintenanceLocation
    @Argument(help: "The window's number.")
    var id: Int64
    @Option(help: "Who ends it (default: your login name).")
    var by: String = currentUser

    func run() async throws {
        let desk = try await location.desk(command: "end")
        let now = Date()
        let window = try await refusing("end") { () async throws(MaintenanceError) in
            try await desk.planner.end(id: id, by: by, at: now)
        }
        try MaintenancePrinter.printChanged(window, verb: "ended", at: now, json: false)
    }
}

/// `vedetta maintenance extend ID --by 30m`.
struct ExtendMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Extend the occurrence in progress (or, when none is, the next one)."
    )

    @OptionGroup var location: MaintenanceLocation
    @Argument(help: "The window's number.")
    var id: Int64
    @Option(name: .customLong("by"), help: "How much longer: 30m, 1h.")
    var amount: String
    @Option(name: .customLong("as"), help: "Who extends it (default: your login name).")
    var person: String = currentUser

    func run() async throws {
        let duration = try parseDuration(amount, option: "--by")
        let desk = try await location.desk(command: "extend")
        let now = Date()
        let window = try await refusing("extend") { () async throws(MaintenanceError) in
            try await desk.planner.extend(id: id, by: duration, who: person, at: now)
        }
        try MaintenancePrinter.printChanged(window, verb: "extended", at: now, json: false)
    }
}

/// `vedetta maintenance delete ID`.
struct DeleteMaintenance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a run-time window; it is kept in the audit trail (windows from files: edit the file)."
    )

    @OptionGroup var location: MaintenanceLocation
    @Argument(help: "The window's number.")
    var id: Int64
    @Option(help: "Who deletes it (default: your login name).")
    var by: String = currentUser

    func run() async throws {
        let desk = try await location.desk(command: "delete")
        let now = Date()
        let window = try await refusing("delete") { () async throws(MaintenanceError) in
            try await desk.planner.delete(id: id, by: by, at: now)
        }
        print("maintenance #\(window.id) deleted")
    }
}

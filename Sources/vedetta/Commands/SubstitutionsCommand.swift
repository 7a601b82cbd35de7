import ArgumentParser
import Foundation
import VedettaCore
import VedettaOnCall

/// `vedetta oncall substitutions`.
struct SubstitutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "substitutions",
        abstract: "Substitutions (overrides): someone covers a schedule, or one person's shifts, for a while.",
        subcommands: [AddSubstitution.self, ListSubstitutions.self, ShowSubstitution.self, RemoveSubstitution.self]
    )
}

/// `vedetta oncall substitutions add`.
struct AddSubstitution: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a substitution.",
        discussion: """
            Example: vedetta oncall substitutions add --schedule noc --substitute giulia --covers marco \
            --start 2026-12-07T08:00 --end 2026-12-09T08:00 --reason "sick leave"
            """)

    @OptionGroup var location: OnCallLocation
    @Option(help: "The schedule.")
    var schedule: String
    @Option(help: "Who is on call instead.")
    var substitute: String
    @Option(help: "Whose shifts are covered (default: every shift in the period, and its gaps).")
    var covers: String?
    @Option(help: "Start, on the schedule's clock: 2026-12-07T08:00, or now.")
    var start: String
    @Option(help: "End, on the schedule's clock.")
    var end: String?
    @Option(help: "How long, instead of --end: 48h, 2h30m.")
    var duration: String?
    @Option(help: "Why, e.g. sick leave.")
    var reason: String
    @Option(help: "Who records it (default: your login name).")
    var by: String = currentUser
    @Flag(help: "Print the substitution as JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "substitutions add")
        let request = SubstitutionRequest(
            schedule: schedule, substitute: substitute, covers: covers, start: start, end: end, duration: duration,
            reason: reason, by: by)
        let substitution = try await onCallRefusing("substitutions add") { () async throws(OnCallError) in
            try await desk.substitute(request, at: Date())
        }
        if json {
            print(try jsonText(substitution))
        } else {
            print(
                "substitution \(substitution.id) recorded: \(OnCallTable.describe(substitution, roster: desk.roster))")
        }
    }
}

/// `vedetta oncall substitutions list`.
struct ListSubstitutions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Substitutions not over yet (or with --from/--to, those in a period).")

    @OptionGroup var location: OnCallLocation
    @Option(help: "Only this schedule.")
    var schedule: String?
    @Option(help: "Start of the period (default: now).")
    var from: String?
    @Option(help: "End of the period (default: two years after the start).")
    var to: String?
    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "substitutions list")
        let now = Date()
        let zone = desk.zone(ofSchedule: schedule)
        let start = try from.map { try onCallTime($0, option: "--from", zone: zone, now: now) } ?? now
        let end =
            try to.map { try onCallTime($0, option: "--to", zone: zone, now: now) }
            ?? start + 2 * OnCallDesk.maximumSubstitution
        let found = try await onCallRefusing("substitutions list") { () async throws(OnCallError) in
            try await desk.substitutions(schedule: schedule, from: start, to: end)
        }
        if json {
            print(try jsonText(found))
        } else if found.isEmpty {
            print("No substitutions.")
        } else {
            for substitution in found {
                print("\(substitution.id)  \(OnCallTable.describe(substitution, roster: desk.roster))")
            }
        }
    }
}

/// `vedetta oncall substitutions show`.
struct ShowSubstitution: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One substitution with its audit trail.")

    @OptionGroup var location: OnCallLocation
    @Argument(help: "The substitution's number.")
    var id: Int64
    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "substitutions show")
        let (substitution, audit) = try await onCallRefusing("substitutions show") { () async throws(OnCallError) in
            try await desk.substitution(id: id)
        }
        if json {
            struct Detail: Encodable {
                var substitution: Substitution
                var audit: [SubstitutionAuditEntry]
            }
            print(try jsonText(Detail(substitution: substitution, audit: audit)))
            return
        }
        print("\(substitution.id)  \(OnCallTable.describe(substitution, roster: desk.roster))")
        for entry in audit {
            print("  \(entry.at.iso8601Milliseconds)  \(entry.action.rawValue) by \(entry.by): \(entry.detail)")
        }
    }
}

/// `vedetta oncall substitutions remove`.
struct RemoveSubstitution: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a substitution (it stays in the audit trail).")

    @OptionGroup var location: OnCallLocation
    @Argument(help: "The substitution's number.")
    var id: Int64
    @Option(help: "Who removes it (default: your login name).")
    var by: String = currentUser

    func run() async throws {
        let desk = try await location.desk(command: "substitutions remove")
        let removed = try await onCallRefusing("substitutions remove") { () async throws(OnCallError) in
            try await desk.removeSubstitution(id: id, by: by, at: Date())
        }
        print("substitution \(removed.id) removed: \(OnCallTable.describe(removed, roster: desk.roster))")
    }
}

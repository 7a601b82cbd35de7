import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaOnCall

/// `vedetta oncall`: who is on call, the shifts, and substitutions.
struct OnCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall",
        abstract: "On call: who is on call, the shifts of a schedule, substitutions, calendar feeds.",
        discussion: """
            People and schedules live in the files under oncall/ (see docs/oncall.md); substitutions live in the \
            agent's database, so the running agent sees them at once. Times are local to the schedule's time \
            zone unless they carry an offset: 2026-12-07T08:00, 2026-12-07, now, or ISO 8601.
            """,
        subcommands: [
            OnCallWho.self, OnCallShifts.self, SubstitutionsCommand.self, OnCallFeed.self,
        ]
    )
}

/// Where on-call lives: the files of `--config` and its store (or the store of `--data`).
struct OnCallLocation: ParsableArguments {
    @Option(name: .shortAndLong, help: "The root configuration file (oncall_dir, store).")
    var config: String = "vedetta.yaml"
    @Option(help: "The data directory holding vedetta.sqlite (overrides the configuration).")
    var data: String?

    /// The desk on the configuration's roster and store.
    func desk(command: String) async throws -> OnCallDesk {
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: config, plugins: BuiltinKinds.configuration)
        } catch {
            printError(error.description)
            throw ValidationError("cannot read \(config); fix it first")
        }
        guard let store = Agent.commandStore(configured: configuration.store, dataDirectory: data) else {
            throw ValidationError("\(config) names no store")
        }
        do {
            return OnCallDesk(
                roster: configuration.oncall, store: try await Agent.openStore(store, create: false),
                defaultZone: configuration.agent.timeZone)
        } catch {
            printError("vedetta oncall \(command): \(error)")
            throw ExitCode(1)
        }
    }
}

/// Runs a desk call, printing a refusal as `vedetta oncall COMMAND: field: message` (exit 1).
func onCallRefusing<T>(_ command: String, _ body: () async throws(OnCallError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        printError("vedetta oncall \(command): \(error)")
        throw ExitCode(1)
    }
}

/// Reads a time option on `zone`'s clock.
func onCallTime(_ text: String, option: String, zone: TimeZone, now: Date) throws -> Date {
    guard let instant = OnCallTime.instant(text, in: zone, now: now) else {
        throw ValidationError(
            "invalid \(option) \"\(text)\"; use now, a local time (2026-12-07T08:00), a date (2026-12-07) or ISO 8601")
    }
    return instant
}

/// `vedetta oncall who`.
struct OnCallWho: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who", abstract: "Who is on call now (or at --at), per schedule.")

    @OptionGroup var location: OnCallLocation
    @Option(help: "Only this schedule.")
    var schedule: String?
    @Option(help: "The instant to ask about (default: now), on the schedule's clock.")
    var at: String?
    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let desk = try await location.desk(command: "who")
        let now = Date()
        let zone = desk.zone(ofSchedule: schedule)
        let instant = try at.map { try onCallTime($0, option: "--at", zone: zone, now: now) } ?? now
        let answers = try await onCallRefusing("who") { () async throws(OnCallError) in
            try await desk.onCall(schedule: schedule, at: instant)
        }
        let views = answers.map { OnCallNowView($0, roster: desk.roster) }
        if json {
            print(try jsonText(views))
        } else if views.isEmpty {
            print("No on-call schedule is configured (oncall/*.yaml).")
        } else {
            print(OnCallTable.who(views), terminator: "")
        }
    }
}

/// `vedetta oncall shifts`.
struct OnCallShifts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shifts",
        abstract: "The final shifts of a schedule or a person, after layers and substitutions.")

    @OptionGroup var location: OnCallLocation
    @Option(help: "The schedule.")
    var schedule: String?
    @Option(help: "A person: their shifts in every schedule (instead of --schedule).")
    var person: String?
    @Option(help: "Start of the period (default: now).")
    var from: String?
    @Option(help: "End of the period (default: 7 days after the start).")
    var to: String?
    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if (schedule == nil) == (person == nil) { throw ValidationError("give --schedule or --person") }
    }

    func run() async throws {
        let desk = try await location.desk(command: "shifts")
        let now = Date()
        let zone = person.flatMap { desk.roster.person($0)?.zone } ?? desk.zone(ofSchedule: schedule)
        let start = try from.map { try onCallTime($0, option: "--from", zone: zone, now: now) } ?? now
        let end = try to.map { try onCallTime($0, option: "--to", zone: zone, now: now) } ?? start + 7 * 86_400
        let shifts = try await onCallRefusing("shifts") { () async throws(OnCallError) in
            if let schedule { return try await desk.shifts(schedule: schedule, from: start, to: end) }
            return try await desk.shifts(person: person ?? "", from: start, to: end)
        }
        let views = ShiftView.views(shifts, roster: desk.roster)
        if json {
            print(try jsonText(views))
        } else {
            print(OnCallTable.shifts(views), terminator: "")
        }
    }
}

/// `vedetta oncall feed`.
struct OnCallFeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Print the iCalendar feed of a schedule or a person (30 days back, 90 ahead).",
        discussion: """
            The running agent serves the same feeds at /api/v1/oncall/schedules/NAME/calendar.ics and \
            /api/v1/oncall/people/NAME/calendar.ics for calendar clients to subscribe to.
            """)

    @OptionGroup var location: OnCallLocation
    @Option(help: "The schedule.")
    var schedule: String?
    @Option(help: "A person (instead of --schedule).")
    var person: String?

    func validate() throws {
        if (schedule == nil) == (person == nil) { throw ValidationError("give --schedule or --person") }
    }

    func run() async throws {
        let desk = try await location.desk(command: "feed")
        let now = Date()
        let (from, to) = ShiftCalendar.period(at: now)
        let (name, shifts) = try await onCallRefusing("feed") { () async throws(OnCallError) in
            if let schedule {
                return ("On call: \(schedule)", try await desk.shifts(schedule: schedule, from: from, to: to))
            }
            let who = try desk.person(named: person ?? "")
            return ("On call: \(who.fullName)", try await desk.shifts(person: who.name, from: from, to: to))
        }
        print(
            ShiftCalendar.render(shifts, calendarName: name, roster: desk.roster, forPerson: person != nil, now: now),
            terminator: "")
    }
}

import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaOnCall

/// `vedetta check`: validates the configuration and every profile and rule it loads.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate vedetta.yaml and every file under probes/ and alerts/.",
        discussion: """
            Prints every error to stderr as file:line:column: error: message, then a count, and exits 1; when all is \
            well prints a one-line summary to stdout and exits 0. Warnings (an on-call schedule with nobody on call \
            at times in the next 28 days) go to stderr and do not change the exit status.
            """
    )

    @OptionGroup var config: ConfigOption

    func run() async throws {
        do {
            let configuration = try ConfigLoader.load(configFile: config.config, plugins: BuiltinKinds.configuration)
            print(
                "\(config.config): ok: \(ConfigLoader.summary(of: configuration, plugins: BuiltinKinds.configuration))")
            warnAboutGaps(in: configuration.oncall, from: Date())
        } catch {
            printError(error.description)
            printError("\(config.config): \(error.errors.count) error(s)")
            throw ExitCode(1)
        }
    }

    /// One warning per schedule that leaves nobody on call at some time of the next 28 days.
    private func warnAboutGaps(in roster: OnCallRoster, from now: Date) {
        let horizon: TimeInterval = 28 * 86_400
        for schedule in roster.schedules {
            let gaps = ShiftResolver.gaps(of: schedule, from: now, to: now + horizon)
            guard let first = gaps.first else { continue }
            let more = gaps.count > 1 ? " and \(gaps.count - 1) more time(s) in the next 28 days" : ""
            printError(
                "\(config.config): warning: nobody is on call for schedule \"\(schedule.name)\" from "
                    + "\(OnCallTime.text(first.lowerBound, in: schedule.zone)) to "
                    + "\(OnCallTime.text(first.upperBound, in: schedule.zone))\(more); a page to oncall: "
                    + "\(schedule.name) then reaches nobody")
        }
    }
}

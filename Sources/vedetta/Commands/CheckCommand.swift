import ArgumentParser
import VedettaAgent
import VedettaConfig

/// `vedetta check`: validates the configuration and every profile and rule it loads.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate vedetta.yaml and every file under probes/ and alerts/.",
        discussion: """
            Prints every error to stderr as file:line:column: error: message, then a count, and exits 1; when all is \
            well prints a one-line summary to stdout and exits 0.
            """
    )

    @OptionGroup var config: ConfigOption

    func run() async throws {
        do {
            let configuration = try ConfigLoader.load(configFile: config.config, plugins: BuiltinKinds.configuration)
            print(
                "\(config.config): ok: \(ConfigLoader.summary(of: configuration, plugins: BuiltinKinds.configuration))")
        } catch {
            printError(error.description)
            printError("\(config.config): \(error.errors.count) error(s)")
            throw ExitCode(1)
        }
    }
}

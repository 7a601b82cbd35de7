import ArgumentParser
import VedettaConfig

/// `vedetta check`: validates the configuration and every profile and rule it loads.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate vedetta.yaml and every file under probes/ and alerts/.",
        discussion: "Prints every error as file:line:column: error: message and exits 1; prints a summary and exits 0."
    )

    @OptionGroup var config: ConfigOption

    func run() async throws {
        do {
            let configuration = try ConfigLoader.load(configFile: config.config)
            print("\(config.config): ok: \(ConfigLoader.summary(of: configuration))")
        } catch {
            print(error.description)
            printError("\(config.config): \(error.errors.count) error(s)")
            throw ExitCode(1)
        }
    }
}

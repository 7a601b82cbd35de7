import ArgumentParser
import VedettaAgent
import VedettaConfig

/// `vedetta run`: polls, evaluates rules, records incidents and notifies until SIGTERM/SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: poll devices, evaluate rules, open and restore incidents, notify.",
        discussion: """
            Serves /metrics, /healthz and /api/v1/incidents on --listen (default from agent.listen, \
            127.0.0.1:9470). Stops cleanly on SIGTERM or SIGINT. SIGHUP (or POST /api/v1/reload) reads the \
            configuration again and applies it without a restart; a configuration with errors is refused and the \
            running one stays.
            """
    )

    @OptionGroup var config: ConfigOption
    @Option(help: "Directory for the incident database (overrides agent.data_dir).")
    var data: String?
    @Option(help: "HTTP listen address host:port (overrides agent.listen).")
    var listen: String?
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.makeLogger()
        let configuration: VedettaConfiguration
        let (path, overrides) = (config.config, ConfigOverrides(dataDirectory: data, listen: listen))
        // SIGHUP and POST /api/v1/reload read the same files, with the same command-line overrides.
        let load: @Sendable () throws(ConfigErrors) -> VedettaConfiguration = {
            try ConfigLoader.load(configFile: path, overrides: overrides, plugins: BuiltinKinds.configuration)
        }
        do {
            configuration = try load()
        } catch {
            printError(error.description)
            printError("vedetta: configuration has \(error.errors.count) error(s); not starting")
            throw ExitCode(2)
        }
        do {
            try await Agent.run(configuration: configuration, logger: logger, reload: load)
        } catch {
            printError("vedetta: \(error)")
            throw ExitCode(1)
        }
    }
}

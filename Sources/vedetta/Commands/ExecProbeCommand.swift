import ArgumentParser
import ExecProbe
import Logging
import VedettaAgent

/// `vedetta probe exec -- COMMAND ARGS...`.
struct ExecProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a Nagios / Monitoring Plugins plugin once, as an exec check would, and print what is recorded.",
        discussion: """
            The plugin runs exactly as the agent runs it: no shell, only the environment you give (plus a system PATH), \
            in its own process group, killed with everything it started at the timeout. Prints the state, every \
            sample with its labels, and the plugin's output. Exits 0 for OK and WARNING, 1 otherwise.
            Example: vedetta probe exec -- /usr/lib/nagios/plugins/check_tcp -H 127.0.0.1 -p 5060
            """
    )

    @Option(help: "How long the plugin may run, e.g. 10s.")
    var timeout: String = "10s"
    @Option(name: .customLong("env"), help: "A variable for the plugin, NAME=VALUE (repeatable).")
    var environment: [String] = []
    @Option(name: .customLong("pass-env"), help: "A variable of yours passed on to the plugin (repeatable).")
    var passEnvironment: [String] = []
    @Option(name: .customLong("working-directory"), help: "The directory to run the plugin in.")
    var workingDirectory: String?
    @Option(help: "The account to run the plugin as (name or uid); only root may switch.")
    var user: String?
    @Option(help: "The device name to label the samples with.")
    var device: String = "cli"
    @Flag(help: "Print JSON instead of text.")
    var json = false
    @Argument(parsing: .postTerminator, help: "The plugin's absolute path and its arguments, after --.")
    var command: [String] = []

    func validate() throws {
        guard let plugin = command.first else {
            throw ValidationError("name the plugin after --, e.g. -- /usr/lib/nagios/plugins/check_dummy 0 fine")
        }
        guard plugin.hasPrefix("/") else {
            throw ValidationError("\"\(plugin)\" must be an absolute path, e.g. /usr/lib/nagios/plugins/check_tcp")
        }
        for pair in environment where !pair.contains("=") {
            throw ValidationError("--env \"\(pair)\" must be NAME=VALUE")
        }
    }

    func run() async throws {
        var variables: [String: String] = [:]
        for pair in environment {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            variables[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let check = ExecCheckConfiguration(
            command: command,
            timeout: try parseDuration(timeout, option: "--timeout"),
            environment: variables,
            passEnvironment: passEnvironment,
            workingDirectory: workingDirectory,
            user: user
        )
        var logger = Logger(label: "vedetta.probe")
        logger.logLevel = .error
        let report = await DeviceProbeRun.run(exec: check, device: device, timeout: .seconds(10), logger: logger)
        if json {
            print(try jsonText(report))
        } else {
            print(DeviceProbeCommand.text(report))
        }
        if !report.up { throw ExitCode(1) }
    }
}

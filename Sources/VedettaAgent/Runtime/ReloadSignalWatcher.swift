import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP, as daemons conventionally do (``ConfigurationReloader``).
///
/// SIGHUP's default action would end the process silently; the agent traps it. An agent whose configuration does
/// not come from files (started in-process, by tests) has no reloader: the signal is logged and nothing changes.
struct ReloadSignalWatcher: Service {
    let reloader: ConfigurationReloader?
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            guard let reloader else {
                logger.warning(
                    "SIGHUP received, but this agent's configuration does not come from files: nothing changed",
                    metadata: ["signal": "SIGHUP"])
                continue
            }
            _ = await reloader.reload(trigger: "SIGHUP")
        }
    }
}

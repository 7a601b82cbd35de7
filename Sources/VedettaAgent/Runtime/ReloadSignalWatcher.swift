import Logging
import ServiceLifecycle
import UnixSignals

/// Keeps SIGHUP from killing the agent and says why nothing happens.
///
/// Daemons conventionally reload their configuration on SIGHUP, and the signal's default action is to end the
/// process, silently. Until Vedetta reloads (issue 14), the agent traps SIGHUP, logs a warning that names what
/// to do instead, and keeps running.
struct ReloadSignalWatcher: Service {
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            logger.warning(
                "SIGHUP received: configuration reload is not supported yet, nothing changed; restart to apply changes",
                metadata: ["signal": "SIGHUP"]
            )
        }
    }
}

public import Hummingbird
public import Logging
import NIOCore

/// Builds the HTTP server that serves ``APIRoutes``; the result is a `Service` for the agent's service group.
public enum APIServer {
    /// Creates the application.
    /// - Parameters:
    ///   - host: Address to bind, e.g. `127.0.0.1`.
    ///   - port: Port to bind.
    ///   - source: The running agent.
    ///   - logger: The agent's logger.
    ///   - onListening: Called with the bound port once the server accepts connections.
    /// - Returns: A Hummingbird application to run in a service group.
    public static func make(
        host: String,
        port: Int,
        source: any AgentStatusSource,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: APIRoutes.makeRouter(source: source),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Vedetta"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

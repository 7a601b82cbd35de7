import Hummingbird
public import LinkSigning
public import Logging
import NIOCore
public import ServiceLifecycle
import Synchronization
public import VedettaAccess

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the HTTP server that serves ``APIRoutes``; the result is a `Service` for the agent's service group.
public enum APIServer {
    /// Creates the server.
    /// - Parameters:
    ///   - host: Address to bind, e.g. `127.0.0.1`.
    ///   - port: Port to bind.
    ///   - source: The running agent.
    ///   - access: Users, tokens, sessions and the audit log.
    ///   - maintenance: The maintenance routes' back-end, if any.
    ///   - incidents: The incident and report routes' back-end, if any.
    ///   - inventory: The inventory routes' back-end, if any.
    ///   - oncall: The on-call routes' back-end, if any.
    ///   - linkSigner: The key of one-click acknowledgement links, if the agent sends them.
    ///   - logger: The agent's logger.
    ///   - onListening: Called with the bound port once the server accepts connections.
    /// - Returns: A service that runs the server; it fails with ``ListenError`` when the address cannot be bound.
    public static func make(
        host: String,
        port: Int,
        source: any AgentStatusSource,
        access: AccessDesk,
        maintenance: MaintenanceAPI? = nil,
        incidents: (any IncidentOperations)? = nil,
        inventory: (any InventoryOperations)? = nil,
        oncall: OnCallAPI? = nil,
        linkSigner: LinkSigner? = nil,
        reloader: (any ConfigurationReloading)? = nil,
        cluster: (any ClusterStatusSource)? = nil,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some Service {
        let listening = ListeningState()
        let application = Application(
            router: APIRoutes.makeRouter(
                source: source, access: access, maintenance: maintenance, incidents: incidents, inventory: inventory,
                oncall: oncall, linkSigner: linkSigner, reloader: reloader, cluster: cluster),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Vedetta"),
            onServerRunning: { channel in
                listening.markListening()
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger
        )
        return ListeningService(application: application, address: "\(host):\(port)", listening: listening)
    }
}

/// The API could not listen on its address: in use, not on this machine, or not allowed.
public struct ListenError: Error, CustomStringConvertible {
    /// The address, `host:port`.
    public var address: String
    /// What the system said.
    public var reason: String
    /// The `errno` value, when the system gave one.
    public var errno: Int32?

    /// What failed and what to do.
    public var description: String {
        let advice =
            switch errno {
            case EADDRINUSE:
                "another program (perhaps another vedetta) listens there: stop it, or choose another address "
                    + "with agent.listen or --listen"
            case EADDRNOTAVAIL:
                "the address is not one of this machine's: check agent.listen or --listen"
            case EACCES:
                "ports below 1024 need privileges: choose a higher port with agent.listen or --listen"
            default:
                "check agent.listen or --listen"
            }
        return "cannot listen on \(address): \(reason); \(advice)"
    }
}

/// Runs the Hummingbird application and turns a failure to bind into a ``ListenError`` naming the address.
private struct ListeningService<Wrapped: ApplicationProtocol>: Service {
    let application: Wrapped
    let address: String
    let listening: ListeningState

    func run() async throws {
        do {
            try await application.run()
        } catch let error as IOError where !listening.isListening {
            throw ListenError(address: address, reason: Self.reason(error), errno: error.errnoCode)
        }
    }

    private static func reason(_ error: IOError) -> String {
        guard let text = strerror(error.errnoCode) else { return "\(error)" }
        return String(cString: text).lowercased()
    }
}

/// Whether the server got as far as listening: errors before that are errors of the address.
private final class ListeningState: Sendable {
    private let flag = Atomic(false)

    func markListening() { flag.store(true, ordering: .releasing) }

    var isListening: Bool { flag.load(ordering: .acquiring) }
}

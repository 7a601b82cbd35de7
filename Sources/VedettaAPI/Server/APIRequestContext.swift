public import Hummingbird
public import NIOCore

/// The context of every API request: Hummingbird's core context and the client's address (for the audit log,
/// the sign-in limit and a trusted proxy).
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected client, or `nil` when there is none (tests without a socket).
    public let remoteAddress: SocketAddress?

    /// Creates the context of a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, or `unknown`.
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

public import TCPKit
public import VedettaConfig

/// A check that connects to a TCP port (`devices[].tcp`).
public struct TCPCheckConfiguration: CheckSettings {
    /// What to connect to, send and expect.
    public var request: ConnectRequest

    /// Creates a TCP check.
    public init(request: ConnectRequest) {
        self.request = request
    }

    /// `host:port`, IPv6 literals in brackets.
    public var address: String { request.target }
}

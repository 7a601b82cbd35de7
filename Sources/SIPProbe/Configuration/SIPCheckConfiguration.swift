public import SIPKit
public import VedettaConfig

/// A check that sends SIP OPTIONS to a PBX, SBC or trunk (`devices[].sip`).
public struct SIPCheckConfiguration: CheckSettings {
    /// The request: URI, transport, TLS, family, user.
    public var request: SIPOptionsRequest
    /// The status codes that count as up; empty: any 2xx.
    public var expectedStatus: [Int]

    /// Creates a SIP check.
    public init(request: SIPOptionsRequest, expectedStatus: [Int] = []) {
        self.request = request
        self.expectedStatus = expectedStatus
    }

    /// The URI and transport, e.g. `sip:pbx.example.com:5060 (udp)`.
    public var address: String { "\(request.uri) (\(request.transport.rawValue))" }

    /// Whether `status` counts as up.
    public func accepts(_ status: Int) -> Bool {
        expectedStatus.isEmpty ? (200...299).contains(status) : expectedStatus.contains(status)
    }
}

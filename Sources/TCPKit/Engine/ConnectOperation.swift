import SocketKit

/// One TCP check as the loop sees it: what to do, where, until when, and the waiter to resume once.
final class ConnectOperation: Sendable {
    let id: UInt64
    let request: ConnectRequest
    let address: IPAddress
    /// The deadline on `CLOCK_MONOTONIC`, in nanoseconds.
    let deadline: UInt64
    let completion = ResumeOnce<Result<ConnectReport, ConnectError>>()

    init(id: UInt64, request: ConnectRequest, address: IPAddress, deadline: UInt64) {
        self.id = id
        self.request = request
        self.address = address
        self.deadline = deadline
    }

    /// `host:port`, IPv6 literals in brackets.
    var target: String { request.target }

    /// A failure of this check.
    func failure(_ code: ConnectError.Code, phase: String, _ detail: String, notAfter: Double? = nil) -> ConnectError {
        ConnectError(code, target: target, phase: phase, detail: detail, certificateNotAfter: notAfter)
    }
}

public import Foundation
public import VedettaOnCall

/// What the on-call routes need from the running agent.
public struct OnCallAPI: Sendable {
    /// Who is on call, shifts and substitutions.
    public let desk: OnCallDesk
    /// The current time.
    public let now: @Sendable () -> Date

    /// Creates the on-call side of the API.
    public init(desk: OnCallDesk, now: @escaping @Sendable () -> Date = { Date() }) {
        self.desk = desk
        self.now = now
    }
}

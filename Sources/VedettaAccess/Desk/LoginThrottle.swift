public import Foundation
import Synchronization

/// Limits failed sign-ins, per user name and per client address, so that a password cannot be guessed online.
///
/// After `limit` failures within `window` for the same name or the same address, further attempts for it are
/// refused without checking the password until the oldest failure leaves the window. A success clears the name's
/// failures. Kept in memory: a restart forgets it, which costs an attacker a restart per `limit` guesses.
public final class LoginThrottle: Sendable {
    /// Failures allowed within ``window``.
    public let limit: Int
    /// The window.
    public let window: Duration
    private let failures = Mutex<[String: [Date]]>([:])
    /// The most keys kept: a flood of addresses cannot grow memory without bound.
    private static let maximumKeys = 10_000

    /// Creates a throttle; by default 5 failures in 15 minutes.
    public init(limit: Int = 5, window: Duration = .seconds(900)) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `name` from `address` may try again, or `nil` when it may now.
    public func wait(name: String, address: String, at date: Date) -> Int? {
        failures.withLock { failures in
            let waits = [Self.key(name: name), Self.key(address: address)].compactMap { key -> Double? in
                let recent = (failures[key] ?? []).filter { date.timeIntervalSince($0) < seconds }
                guard recent.count >= limit, let oldest = recent.min() else { return nil }
                return seconds - date.timeIntervalSince(oldest)
            }
            return waits.max().map { max(1, Int($0.rounded(.up))) }
        }
    }

    /// Records a failure of `name` from `address`.
    public func recordFailure(name: String, address: String, at date: Date) {
        failures.withLock { failures in
            if failures.count >= Self.maximumKeys {
                failures = failures.filter { $0.value.contains { date.timeIntervalSince($0) < seconds } }
                if failures.count >= Self.maximumKeys { failures.removeAll() }
            }
            for key in [Self.key(name: name), Self.key(address: address)] {
                var recent = (failures[key] ?? []).filter { date.timeIntervalSince($0) < seconds }
                recent.append(date)
                failures[key] = Array(recent.suffix(limit))
            }
        }
    }

    /// Clears `name`'s failures after a success.
    public func recordSuccess(name: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.key(name: name)) }
    }

    private var seconds: Double { Double(window.components.seconds) }
    private static func key(name: String) -> String { "user:" + name.lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}

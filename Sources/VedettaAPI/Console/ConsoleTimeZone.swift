import Foundation
import Hummingbird

/// The reader's time zone, for the pages that cut time into days (the maintenance calendar): from `?tz=`, then
/// the `vedetta_tz` cookie that console.js sets from the browser, then the agent's own zone.
enum ConsoleTimeZone {
    /// The cookie that carries the browser's IANA zone.
    static let cookie = "vedetta_tz"

    /// The zone of `request`, or `fallback` when it names none that Foundation knows.
    static func of(_ request: Request, fallback: TimeZone) -> TimeZone {
        let asked = request.uri.queryParameters.get("tz").map { [String($0)] } ?? []
        let kept = request.headers.cookies(named: cookie).map { $0.removingPercentEncoding ?? $0 }
        for identifier in asked + kept where identifier.count <= 64 {
            if let zone = TimeZone(identifier: identifier) { return zone }
        }
        return fallback
    }
}

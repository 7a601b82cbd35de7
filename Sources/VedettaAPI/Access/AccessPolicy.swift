import Hummingbird
import VedettaAccess

/// Who may call a route: everyone, or users with at least a role.
///
/// | Routes | Needs |
/// |---|---|
/// | `GET /healthz`, `GET /api/v1/openapi.json`, `POST /api/v1/session`, `/ack/…` (signed links) | nobody |
/// | `GET /`, `GET /console`, `GET /console/login`, `GET /console/assets/…` | nobody |
/// | `GET /metrics`, `GET /metrics/devices/…`, `GET /api/v1/targets` | nobody, or a viewer with `access.public_metrics: false` |
/// | `/api/v1/users…`, `/api/v1/tokens…`, `/api/v1/audit`, `POST /api/v1/reload` | admin |
/// | any other `GET` or `HEAD` | viewer |
/// | any other write (`POST`, `PATCH`, `PUT`, `DELETE`) | operator |
enum AccessRequirement: Equatable {
    /// Anyone, without credentials.
    case anyone
    /// A user whose role allows this one.
    case role(Role)

    /// The requirement of `method` on `path`.
    static func of(method: HTTPRequest.Method, path: String, publicMetrics: Bool) -> AccessRequirement {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        let reads = method == .get || method == .head
        switch (components.first, components.dropFirst().first, components.dropFirst(2).first) {
        case ("healthz", nil, _) where reads, ("ack", _, _):
            return .anyone
        case ("metrics", _, _) where reads:
            return publicMetrics ? .anyone : .role(.viewer)
        case ("api", "v1", "targets") where reads:
            return publicMetrics ? .anyone : .role(.viewer)
        case ("api", "v1", "openapi.json") where reads:
            return .anyone
        case (nil, _, _) where reads, ("console", nil, _) where reads, ("console", "login", nil) where reads,
            ("console", "assets", _) where reads:
            return .anyone
        case ("api", "v1", "session") where method == .post && components.count == 3:
            return .anyone
        case ("api", "v1", "session"):
            return .role(.viewer)  // who am I, and signing out: any signed-in user
        case ("api", "v1", "users"), ("api", "v1", "tokens"), ("api", "v1", "audit"), ("api", "v1", "reload"):
            return .role(.admin)
        default:
            return .role(reads ? .viewer : .operator)
        }
    }

    /// Whether `path` is a console page: without a credential it leads to the sign-in page, not to a 401.
    static func isConsolePage(_ path: String) -> Bool { path.hasPrefix("/console/") }

    /// Whether a route of `path` is a calendar feed, where a token may come as `?token=` (calendar clients
    /// cannot send headers).
    static func isCalendar(_ path: String) -> Bool { path.hasSuffix(".ics") }
}

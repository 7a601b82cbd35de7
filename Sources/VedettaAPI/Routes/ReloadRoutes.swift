public import Foundation
import Hummingbird

/// What the reload route needs from the running agent.
public protocol ConfigurationReloading: Sendable {
    /// Reads the configuration files again and applies them, or refuses them and keeps the running configuration.
    /// - Parameter trigger: What asked for the reload, for the log (`SIGHUP`, `POST /api/v1/reload`).
    func reload(trigger: String) async -> ReloadOutcome
}

/// The outcome of one configuration reload, as `POST /api/v1/reload` answers it.
public struct ReloadOutcome: Sendable, Codable, Equatable {
    /// Whether the new configuration is running now.
    public var applied: Bool
    /// When the reload was asked for.
    public var at: Date
    /// Why the configuration was refused: one `file:line:column: error: message` per problem; empty when applied.
    public var errors: [String]
    /// What changed, one line per kind of change (`devices: 2 added (pbx-2, sw-9), 1 removed (sw-old)`).
    public var changes: [String]
    /// The settings that changed in the files but take effect only at the next restart, with their running
    /// values kept until then (`agent.listen`, `store`, `traps`).
    public var needsRestart: [String]
    /// What was applied but failed, and is retried by the part concerned (maintenance windows from files when the
    /// store cannot be written).
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case applied, at, errors, changes, warnings
        case needsRestart = "needs_restart"
    }

    /// Creates an outcome.
    public init(
        applied: Bool, at: Date, errors: [String] = [], changes: [String] = [], needsRestart: [String] = [],
        warnings: [String] = []
    ) {
        self.applied = applied
        self.at = at
        self.errors = errors
        self.changes = changes
        self.needsRestart = needsRestart
        self.warnings = warnings
    }
}

/// The reload route:
///
/// | Route | Answer |
/// |---|---|
/// | `POST /api/v1/reload` | Reads the configuration again and applies it (admins): 200 with the ``ReloadOutcome`` when applied, 422 with it (its `errors`) when the files are refused and the running configuration stays |
enum ReloadRoutes {
    static func add(_ reloader: any ConfigurationReloading, to router: Router<APIRequestContext>) {
        router.post("/api/v1/reload") { _, _ -> Response in
            let outcome = await reloader.reload(trigger: "POST /api/v1/reload")
            return try JSONAnswer.response(outcome, status: outcome.applied ? .ok : .unprocessableContent)
        }
    }
}

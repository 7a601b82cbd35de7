/// Who makes a request, once authenticated, and how.
public struct Principal: Sendable, Equatable {
    /// How the request proved who it is.
    public enum Credential: Sendable, Equatable {
        /// `Authorization: Bearer` with an API token.
        case token(id: Int64)
        /// A browser session cookie, with the session's CSRF token.
        case session(csrfToken: String)
        /// The user header of a trusted reverse proxy (single sign-on).
        case proxy

        /// The name in the audit log: `token`, `session` or `proxy`.
        public var name: String {
            switch self {
            case .token(let id): "token:\(id)"
            case .session: "session"
            case .proxy: "proxy"
            }
        }
    }

    /// The user.
    public var name: String
    /// What the user may do.
    public var role: Role
    /// How it authenticated.
    public var credential: Credential

    /// Creates a principal.
    public init(name: String, role: Role, credential: Credential) {
        self.name = name
        self.role = role
        self.credential = credential
    }

    /// The principal of the request being served, set by the API's access middleware for its handlers.
    @TaskLocal public static var current: Principal?
}

public import Foundation

/// An API token for scripts: it acts as its user, with its user's role. Only its hash is stored; the secret is
/// shown once, when it is issued.
public struct AccessToken: Sendable, Codable, Equatable {
    /// The token's number, to list and revoke it.
    public var id: Int64
    /// The user it acts as.
    public var user: String
    /// What it is for, e.g. `nagios bridge`.
    public var label: String
    /// When it was issued.
    public var createdAt: Date
    /// When it stops working, if ever.
    public var expiresAt: Date?
    /// When it was last used (updated at most once a minute).
    public var lastUsedAt: Date?
    /// When it was revoked.
    public var revokedAt: Date?

    /// Creates a token record.
    public init(
        id: Int64, user: String, label: String, createdAt: Date, expiresAt: Date? = nil, lastUsedAt: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.user = user
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Whether it works at `date`.
    public func isValid(at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { date < $0 } ?? true)
    }

    /// Encodes every field, `null` for an absent one (the API's schema lists them all).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(user, forKey: .user)
        try container.encode(label, forKey: .label)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encode(revokedAt, forKey: .revokedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, user, label
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }

    /// The prefix of every token's secret, so that secret scanners (and people) recognise one.
    public static let secretPrefix = "vdt_"
    /// The longest label.
    public static let maximumLabelLength = 200
}

/// A token just issued, with the secret that is shown this once.
public struct IssuedToken: Sendable, Codable, Equatable {
    /// The stored token.
    public var token: AccessToken
    /// The secret to give to `Authorization: Bearer …`.
    public var secret: String

    /// Creates an issued token.
    public init(token: AccessToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

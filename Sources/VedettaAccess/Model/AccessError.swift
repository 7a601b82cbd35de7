/// A refused or failed access operation, with what to do about it.
public struct AccessError: Error, Sendable, CustomStringConvertible {
    /// What kind of refusal.
    public enum Code: String, Sendable {
        /// The request is malformed (a bad name, a short password).
        case invalid
        /// No such user or token.
        case notFound
        /// The user exists already.
        case conflict
        /// Wrong name or password, or an unknown, expired or revoked credential.
        case unauthenticated
        /// Too many failed sign-ins: wait ``AccessError/retryAfter`` seconds.
        case throttled
        /// The store failed.
        case unavailable
    }

    /// The kind.
    public var code: Code
    /// What is wrong, for people; never a secret.
    public var message: String
    /// The field at fault, for API answers.
    public var field: String?
    /// For `throttled`: seconds until another attempt may succeed.
    public var retryAfter: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}

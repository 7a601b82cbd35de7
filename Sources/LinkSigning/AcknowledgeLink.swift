public import Foundation

/// The one-click acknowledgement link of a page: `BASE/ack/ID?by=PERSON&expires=UNIX&sig=HMAC`.
///
/// The link names the incident, who acknowledges (the person paged, or `link` for a channel's own addressees)
/// and when it stops working; the signature covers all three. Opening it shows a page with one button, and the
/// button acknowledges: mail scanners that open every link in a message must not acknowledge pages by themselves.
public struct AcknowledgeLink: Sendable, Hashable {
    /// The incident.
    public var incidentID: Int64
    /// Who acknowledges through the link.
    public var person: String
    /// When the link stops working.
    public var expires: Date

    /// Who acknowledges through a link sent to a channel's own addressees, not to a person.
    public static let anyone = "link"
    /// How long a link works: a day, so that a forwarded old message cannot acknowledge next week's incident.
    public static let lifetime: TimeInterval = 86_400

    /// Creates a link.
    public init(incidentID: Int64, person: String, expires: Date) {
        self.incidentID = incidentID
        self.person = person
        self.expires = expires
    }

    /// What the signature covers.
    var signedText: String { "ack:\(incidentID):\(person):\(Int64(expires.timeIntervalSince1970))" }

    /// The link under `base` (the agent's public address, without a trailing slash).
    public func url(base: String, signer: LinkSigner) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let by = person.addingPercentEncoding(withAllowedCharacters: allowed) ?? person
        let base = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(base)/ack/\(incidentID)?by=\(by)&expires=\(Int64(expires.timeIntervalSince1970))"
            + "&sig=\(signer.signature(of: signedText))"
    }

    /// Checks a link's parts as they arrive (path and query).
    /// - Parameters:
    ///   - incidentID: The incident of the path.
    ///   - by: The `by` parameter.
    ///   - expires: The `expires` parameter (seconds since 1970).
    ///   - signature: The `sig` parameter.
    ///   - signer: The agent's signer.
    ///   - now: The current time.
    /// - Returns: The link, when it is genuine and still works.
    /// - Throws: ``AcknowledgeLinkError``: incomplete, forged or expired.
    public static func verify(
        incidentID: Int64, by: String?, expires: String?, signature: String?, signer: LinkSigner, now: Date
    ) throws(AcknowledgeLinkError) -> AcknowledgeLink {
        guard let by, !by.isEmpty, let expires, let seconds = Int64(expires), let signature else {
            throw .incomplete
        }
        let link = AcknowledgeLink(
            incidentID: incidentID, person: by, expires: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard signer.verify(link.signedText, signature: signature) else { throw .forged }
        guard now < link.expires else { throw .expired(link.expires) }
        return link
    }
}

/// Why an acknowledgement link does not work.
public enum AcknowledgeLinkError: Error, Sendable, Hashable {
    /// A part is missing (`by`, `expires`, `sig`).
    case incomplete
    /// The signature does not match: the link was changed or made elsewhere.
    case forged
    /// The link is too old.
    case expired(Date)
}

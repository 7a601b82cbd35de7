/// The result of ``IncidentLog/open(_:at:notify:)``: a new incident, or the one already open for the fingerprint.
public enum IncidentOpening: Sendable, Hashable {
    /// A new incident was written together with its `opened` event and its notifications.
    case created(Incident)
    /// An incident with the same fingerprint was already open; nothing was written.
    case alreadyOpen(Incident)

    /// The incident, new or existing.
    public var incident: Incident {
        switch self {
        case .created(let incident), .alreadyOpen(let incident): incident
        }
    }

    /// Whether a new incident was created (and its notifications queued).
    public var isNew: Bool {
        if case .created = self { return true }
        return false
    }
}

/// The result of ``IncidentLog/acknowledge(id:by:at:)``: a new acknowledgement, or the one already on record.
public enum IncidentAcknowledgement: Sendable, Hashable {
    /// The acknowledgement was written, with its `acknowledged` timeline event.
    case recorded(Incident)
    /// The incident was already acknowledged; nothing was written, and the incident says by whom and when
    /// (``Incident/acknowledgedBy``, ``Incident/acknowledgedAt``).
    case alreadyAcknowledged(Incident)

    /// The incident after the call.
    public var incident: Incident {
        switch self {
        case .recorded(let incident), .alreadyAcknowledged(let incident): incident
        }
    }

    /// Whether this call wrote the acknowledgement.
    public var isNew: Bool {
        if case .recorded = self { return true }
        return false
    }
}

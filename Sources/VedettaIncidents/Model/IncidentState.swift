/// Where an incident is in its lifecycle: `open → acknowledged → restored`, or `open → restored`.
public enum IncidentState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The alert is firing and nobody has acknowledged it.
    case open
    /// The alert is firing and somebody is working on it.
    case acknowledged
    /// The alert cleared; the incident is closed for good.
    case restored
}

/// Who opened an incident: an alert rule, or a person.
public enum IncidentOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// An alert fired; the incident is restored when the alert clears.
    case alert
    /// Somebody reported an outage by hand (a carrier line degraded, a site without power); the incident is
    /// acknowledged and restored by hand, and counts in reports like the others.
    case manual
}

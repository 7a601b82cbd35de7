/// Something a person adds to an incident's record. Each is written to the incident and to its timeline, with who
/// and when, in one transaction.
public enum IncidentAnnotation: Sendable, Hashable {
    /// A free-text note ("carrier confirms the fault, technician on site at 10:30").
    case note(String)
    /// The root-cause category, one of the configured `incidents.categories` (checked by the caller).
    case category(String)
    /// What was done to restore service.
    case resolution(String)
    /// An external ticket reference.
    case ticket(String)

    /// The most characters a note, resolution, category or ticket may have.
    public static let maximumLength = 10_000

    /// The text given.
    public var text: String {
        switch self {
        case .note(let text), .category(let text), .resolution(let text), .ticket(let text): text
        }
    }

    /// The timeline event kind that records it.
    public var eventKind: IncidentEvent.Kind {
        switch self {
        case .note: .note
        case .category: .categorized
        case .resolution: .resolutionRecorded
        case .ticket: .ticketLinked
        }
    }

    /// What it is called in messages: `note`, `category`, `resolution` or `ticket`.
    public var fieldName: String {
        switch self {
        case .note: "note"
        case .category: "category"
        case .resolution: "resolution"
        case .ticket: "ticket"
        }
    }
}

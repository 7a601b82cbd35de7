public import VedettaCore

/// An outage reported by a person: what `vedetta incidents open` and `POST /api/v1/incidents` create.
///
/// Its labels say what is affected: a `device` label names one device; without one, reports count the outage
/// against every device whose labels include all of the incident's (e.g. `site=milano`: every device of the site).
public struct ManualIncidentDraft: Sendable, Hashable {
    /// The rule name manual incidents are recorded under, so that reports can group and filter them.
    public static let ruleName = "manual"

    /// The one-line summary ("Milano: carrier line degraded").
    public var summary: String
    /// The longer description.
    public var description: String
    /// How urgent it is.
    public var severity: Severity
    /// What is affected: `device`, or labels such as `site` and `role`.
    public var labels: LabelSet
    /// Who opened it.
    public var openedBy: String
    /// The root-cause category, when already known.
    public var category: String?
    /// An external ticket reference, when there is one.
    public var ticket: String?

    /// Creates a draft.
    ///
    /// - Parameters:
    ///   - summary: The one-line summary.
    ///   - description: The longer description.
    ///   - severity: How urgent it is.
    ///   - labels: What is affected.
    ///   - openedBy: Who opened it.
    ///   - category: The root-cause category, if known.
    ///   - ticket: An external ticket reference.
    public init(
        summary: String,
        description: String = "",
        severity: Severity = .critical,
        labels: LabelSet,
        openedBy: String,
        category: String? = nil,
        ticket: String? = nil
    ) {
        self.summary = summary
        self.description = description
        self.severity = severity
        self.labels = labels
        self.openedBy = openedBy
        self.category = category
        self.ticket = ticket
    }
}

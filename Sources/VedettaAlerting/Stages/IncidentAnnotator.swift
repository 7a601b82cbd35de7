public import Foundation
public import VedettaIncidents
public import VedettaRules

/// Adds what the agent knows around an alert to the incident it opens, e.g. the devices a router that is down
/// takes with it. Annotators run, in order, on every incident an alert opens, muted or not.
public protocol IncidentAnnotator: Sendable {
    /// Adds to `draft`, the incident `alert` is about to open.
    /// - Parameters:
    ///   - draft: The incident to open.
    ///   - alert: The alert that fired.
    ///   - instant: Now.
    func annotate(_ draft: inout IncidentDraft, for alert: Alert, at instant: Date)
}

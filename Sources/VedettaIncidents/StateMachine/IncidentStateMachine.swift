public import Foundation

/// The incident lifecycle as a pure state machine: `open → acknowledged → restored`, or `open → restored`.
///
/// Feed it an ``Event``; it moves to the next state and returns the ``Action`` the caller must carry out (write
/// the acknowledgement, write the restoration and its notifications). Repeating an event that already took
/// effect is harmless and returns ``Action/ignore``, so callers can retry. An event that makes no sense in the
/// current state (acknowledging a restored incident) returns ``Action/invalidTransition(from:event:)`` and leaves
/// the state unchanged; it never traps.
///
/// ```swift
/// var machine = IncidentStateMachine(state: incident.state)
/// switch machine.event(.acknowledge(by: "alice", at: now)) {
/// case .recordAcknowledgement(let who, let at): ...
/// case .ignore: ...
/// case .invalidTransition(let from, _): ...
/// case .recordRestoration: ...
/// }
/// ```
public struct IncidentStateMachine: Sendable, Hashable {
    /// The lifecycle states.
    public typealias State = IncidentState

    /// Something that happens to an incident after it was opened.
    public enum Event: Sendable, Hashable {
        /// Somebody takes responsibility for the incident.
        case acknowledge(by: String, at: Date)
        /// The alert cleared.
        case restore(at: Date)
    }

    /// What the caller must do in response to an event.
    public enum Action: Sendable, Hashable {
        /// Store the acknowledgement (who and when) and add an `acknowledged` timeline event.
        case recordAcknowledgement(by: String, at: Date)
        /// Store the restoration time, add a `restored` timeline event and queue the restore notifications.
        case recordRestoration(at: Date)
        /// The event already took effect (a second acknowledgement or restoration); write nothing.
        case ignore
        /// The event is not allowed in state `from`; write nothing and report it.
        case invalidTransition(from: State, event: Event)
    }

    /// The current state.
    public private(set) var state: State

    /// Creates a machine in `state`; a new incident starts `.open`.
    ///
    /// - Parameter state: The current state of the incident.
    public init(state: State = .open) {
        self.state = state
    }

    /// Applies `event` and returns what to do.
    ///
    /// - Parameter event: What happened.
    /// - Returns: The action to carry out; the state changes only for the `record…` actions.
    public mutating func event(_ event: Event) -> Action {
        switch (state, event) {
        case (.open, .acknowledge(let who, let at)):
            state = .acknowledged
            return .recordAcknowledgement(by: who, at: at)
        case (.acknowledged, .acknowledge):
            return .ignore
        case (.restored, .acknowledge):
            return .invalidTransition(from: state, event: event)
        case (.open, .restore(let at)), (.acknowledged, .restore(let at)):
            state = .restored
            return .recordRestoration(at: at)
        case (.restored, .restore):
            return .ignore
        }
    }
}

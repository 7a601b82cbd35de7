import Foundation
import Testing
import VedettaIncidents

@Suite("IncidentStateMachine")
struct IncidentStateMachineTests {
    private static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private static let acknowledge = IncidentStateMachine.Event.acknowledge(by: "alice", at: t0)
    private static let restore = IncidentStateMachine.Event.restore(at: t0)

    struct Case: Sendable, CustomTestStringConvertible {
        var from: IncidentState
        var event: IncidentStateMachine.Event
        var action: IncidentStateMachine.Action
        var to: IncidentState
        var testDescription: String { "\(from) + \(event) → \(to)" }
    }

    static let cases: [Case] = [
        Case(from: .open, event: acknowledge, action: .recordAcknowledgement(by: "alice", at: t0), to: .acknowledged),
        Case(from: .open, event: restore, action: .recordRestoration(at: t0), to: .restored),
        Case(from: .acknowledged, event: acknowledge, action: .ignore, to: .acknowledged),
        Case(from: .acknowledged, event: restore, action: .recordRestoration(at: t0), to: .restored),
        Case(from: .restored, event: restore, action: .ignore, to: .restored),
        Case(
            from: .restored,
            event: acknowledge,
            action: .invalidTransition(from: .restored, event: acknowledge),
            to: .restored
        ),
    ]

    @Test("event → action", arguments: cases)
    func event_returnsActionAndMovesState(_ testCase: Case) {
        var machine = IncidentStateMachine(state: testCase.from)
        #expect(machine.event(testCase.event) == testCase.action)
        #expect(machine.state == testCase.to)
    }

    @Test("a new machine starts open and walks open → acknowledged → restored")
    func event_fullLifecycle() {
        var machine = IncidentStateMachine()
        #expect(machine.state == .open)
        #expect(machine.event(.acknowledge(by: "bob", at: Self.t0)) == .recordAcknowledgement(by: "bob", at: Self.t0))
        #expect(machine.event(.acknowledge(by: "carol", at: Self.t0)) == .ignore)
        #expect(machine.event(.restore(at: Self.t0)) == .recordRestoration(at: Self.t0))
        #expect(machine.state == .restored)
    }
}

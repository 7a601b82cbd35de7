import Foundation
import Testing

@testable import VedettaRules

@Suite("AlertStateMachine")
struct AlertStateMachineTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a pending alert fires once it has held for its hold duration")
    func pendingThenFiring() {
        var machine = AlertStateMachine(holdDuration: .seconds(60))
        #expect(machine.observe(holds: true, value: 2, at: t0) == .pending)
        #expect(machine.state == .pending(since: t0))
        #expect(machine.observe(holds: true, value: 2, at: t0 + 30) == nil)
        #expect(machine.observe(holds: true, value: 3, at: t0 + 60) == .firing(since: t0 + 60))
        #expect(machine.state == .firing(since: t0 + 60, activeSince: t0))
        #expect(machine.value == 3)
        #expect(machine.observe(holds: true, value: 4, at: t0 + 90) == nil)
        #expect(machine.isFiring)
        #expect(machine.observe(holds: false, value: 0, at: t0 + 120) == .resolved)
        #expect(machine.state == .inactive)
        #expect(machine.value == 4)
    }

    @Test("a pending alert that stops holding goes back to inactive silently, and starts over")
    func flapping() {
        var machine = AlertStateMachine(holdDuration: .seconds(60))
        #expect(machine.observe(holds: true, value: 1, at: t0) == .pending)
        #expect(machine.observe(holds: false, value: 0, at: t0 + 30) == nil)
        #expect(machine.state == .inactive)
        #expect(machine.observe(holds: true, value: 1, at: t0 + 45) == .pending)
        #expect(machine.observe(holds: true, value: 1, at: t0 + 90) == nil)  // 45 s since it last started
        #expect(machine.observe(holds: true, value: 1, at: t0 + 105) == .firing(since: t0 + 105))
        #expect(machine.activeSince == t0 + 45)
    }

    @Test("an inactive alert that does not hold stays silent")
    func staysInactive() {
        var machine = AlertStateMachine(holdDuration: .seconds(60))
        #expect(machine.observe(holds: false, value: 0, at: t0) == nil)
        #expect(machine.state == .inactive)
        #expect(machine.value == nil)
    }

    @Test("for: 0 fires on the first evaluation that holds")
    func zeroHold() {
        var machine = AlertStateMachine(holdDuration: .zero)
        #expect(machine.observe(holds: true, value: 1, at: t0) == .firing(since: t0))
        #expect(machine.state == .firing(since: t0, activeSince: t0))
        #expect(machine.observe(holds: false, value: 0, at: t0 + 1) == .resolved)
        #expect(machine.observe(holds: true, value: 1, at: t0 + 2) == .firing(since: t0 + 2))
    }

    @Test("a restored machine is firing, stays firing while it holds and resolves when it stops")
    func restore() {
        var machine = AlertStateMachine(
            holdDuration: .seconds(60),
            restoringFiringSince: t0,
            activeSince: t0 - 60,
            value: 2
        )
        #expect(machine.state == .firing(since: t0, activeSince: t0 - 60))
        #expect(machine.firingSince == t0)
        #expect(machine.observe(holds: true, value: 2, at: t0 + 3600) == nil)
        #expect(machine.observe(holds: false, value: 0, at: t0 + 3630) == .resolved)
        #expect(machine.observe(holds: true, value: 2, at: t0 + 3660) == .pending)
    }

    @Test("a restored machine without activeSince uses the firing time")
    func restoreDefaults() {
        let machine = AlertStateMachine(restoringFiringSince: t0)
        #expect(machine.activeSince == t0)
        #expect(machine.value == nil)
    }

    @Test("a hold duration changed while pending applies to the pending alert")
    func holdDurationChange() {
        var machine = AlertStateMachine(holdDuration: .seconds(300))
        _ = machine.observe(holds: true, value: 1, at: t0)
        machine.holdDuration = .seconds(60)
        #expect(machine.observe(holds: true, value: 1, at: t0 + 60) == .firing(since: t0 + 60))
    }
}

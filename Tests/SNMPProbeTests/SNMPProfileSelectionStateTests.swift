import SNMPKit
import SNMPProbe
import Testing
import VedettaCore

@testable import SNMPProbe

@Suite("SNMPProfileSelectionState: when a device's profiles are detected again")
struct SNMPProfileSelectionStateTests {
    private let start = ContinuousClock.now

    private func selection(_ names: [String], at offset: Duration) -> SNMPProfileSelectionState.Selection {
        .init(sysObjectID: OID([1, 3, 6, 1, 4, 1, 8072, 3, 2, 10]), profileNames: names, detectedAt: start + offset)
    }

    @Test("nothing is selected before the first detection")
    func empty() {
        let state = SNMPProfileSelectionState(lifetime: .seconds(3600))
        #expect(state.selection(at: start) == nil)
    }

    @Test("a selection is used for its lifetime, then detected again")
    func lifetime() {
        var state = SNMPProfileSelectionState(lifetime: .seconds(3600))
        let first = state.record(selection(["system", "host-resources"], at: .zero))
        #expect(first)
        #expect(state.selection(at: start + .seconds(3599))?.profileNames == ["system", "host-resources"])
        #expect(state.selection(at: start + .seconds(3600)) == nil)
    }

    @Test("a failure drops the selection at once")
    func failure() {
        var state = SNMPProfileSelectionState(lifetime: .seconds(3600))
        _ = state.record(selection(["system"], at: .zero))
        state.invalidate()
        #expect(state.selection(at: start + .seconds(1)) == nil)
    }

    @Test("recording tells whether the profiles changed, across invalidation")
    func changes() {
        var state = SNMPProfileSelectionState(lifetime: .seconds(3600))
        let first = state.record(selection(["system"], at: .zero))
        #expect(first)
        state.invalidate()
        let back = state.record(selection(["system"], at: .seconds(10)))
        #expect(!back, "the same device came back")
        let replaced = state.record(selection(["system", "apc-ups"], at: .seconds(20)))
        #expect(replaced, "replaced by another model")
    }
}

import Testing
import VedettaCluster

@Suite("Device placement")
struct DevicePlacementTests {
    private let devices = (1...3000).map { "device-\($0)" }

    private func split(_ agents: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: devices.map { ($0, DevicePlacement.owner(of: $0, among: agents) ?? "") })
    }

    @Test("every agent computes the same owner, and the devices split evenly")
    func evenSplit() {
        let agents = ["agent-a", "agent-b", "agent-c"]
        let owners = split(agents)
        #expect(owners == split(agents.reversed()), "the order of the list does not matter")
        let counts = Dictionary(grouping: owners.values, by: { $0 }).mapValues(\.count)
        #expect(Set(counts.keys) == Set(agents))
        for count in counts.values { #expect(abs(count - 1000) < 120, "\(counts)") }
    }

    @Test("an agent that leaves moves only its own devices; one that joins takes only what it wins")
    func minimalMovement() {
        let before = split(["agent-a", "agent-b", "agent-c"])
        let after = split(["agent-a", "agent-b"])
        for device in devices where before[device] != "agent-c" {
            #expect(after[device] == before[device])
        }
        let joined = split(["agent-a", "agent-b", "agent-c", "agent-d"])
        for device in devices where joined[device] != "agent-d" {
            #expect(joined[device] == before[device])
        }
    }

    @Test("no agent may: no owner; one agent: it owns everything")
    func edges() {
        #expect(DevicePlacement.owner(of: "sw-1", among: []) == nil)
        #expect(DevicePlacement.owner(of: "sw-1", among: ["solo"]) == "solo")
    }

    @Test("a topology tree shares one key, so one agent polls a router and everything behind it")
    func treesStayTogether() {
        let keys = DevicePlacement.keys(parents: [
            "router-milano": [], "sw-1": ["router-milano"], "sw-2": ["router-milano"], "pbx-1": ["sw-2"],
            "router-roma": [], "sw-9": ["router-roma"], "lonely": [],
            // Redundant paths join two trees into one component.
            "core": [], "edge": ["router-roma", "core"],
        ])
        #expect(keys["sw-1"] == keys["router-milano"])
        #expect(keys["pbx-1"] == keys["router-milano"])
        #expect(keys["sw-9"] == keys["router-roma"])
        #expect(keys["core"] == keys["router-roma"])
        #expect(keys["lonely"] == "lonely")
        #expect(keys["router-milano"] != keys["router-roma"])
    }
}

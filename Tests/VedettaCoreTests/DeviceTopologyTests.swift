import Testing
import VedettaCore

@Suite("DeviceTopology: parents, children, descendants and cycles")
struct DeviceTopologyTests {
    @Test("descendants follow children through every level, and a diamond counts each device once")
    func descendants() {
        let topology = DeviceTopology(parents: [
            "sw-1": ["router"], "sw-2": ["router"], "pbx": ["sw-1", "sw-2"], "phone": ["pbx"], "lonely": [],
        ])
        #expect(topology.descendants(of: "router") == ["pbx", "phone", "sw-1", "sw-2"])
        #expect(topology.children(of: "router") == ["sw-1", "sw-2"])
        #expect(topology.descendants(of: "phone").isEmpty)
        #expect(topology.parents(of: "lonely").isEmpty)
        #expect(topology.parents.keys.contains("lonely") == false)
        #expect(topology.cycle() == nil)
    }

    @Test("a cycle is reported from the first device by name, closed on itself")
    func cycles() {
        #expect(DeviceTopology(parents: ["a": ["b"], "b": ["c"], "c": ["a"]]).cycle() == ["a", "b", "c", "a"])
        #expect(DeviceTopology(parents: ["x": ["y"], "y": ["z"], "z": ["y"]]).cycle() == ["y", "z", "y"])
        #expect(DeviceTopology(parents: ["a": ["a"]]).cycle() == ["a", "a"])
    }
}

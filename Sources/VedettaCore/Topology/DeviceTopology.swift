/// Which devices stand behind which: each device's `parents` (the devices its traffic passes through to reach the
/// agent). A device with several parents has redundant paths: it is cut off only when every one of them is.
///
/// The topology is a value built from the configuration; the configuration reader refuses unknown parents and
/// cycles, so every parent named here is a device of the topology and following parents always ends.
public struct DeviceTopology: Sendable, Hashable {
    /// Each device's parents, in the order written; devices without parents are absent.
    public let parents: [DeviceID: [DeviceID]]
    /// Each device's children (the devices that name it as a parent), sorted by name.
    public let children: [DeviceID: [DeviceID]]

    /// Creates a topology.
    /// - Parameter parents: Each device's parents; empty lists are dropped.
    public init(parents: [DeviceID: [DeviceID]] = [:]) {
        let parents = parents.filter { !$0.value.isEmpty }
        var children: [DeviceID: [DeviceID]] = [:]
        for (child, list) in parents {
            for parent in Set(list) { children[parent, default: []].append(child) }
        }
        self.parents = parents
        self.children = children.mapValues { $0.sorted() }
    }

    /// Whether any device has a parent.
    public var isEmpty: Bool { parents.isEmpty }

    /// The parents of `device`, or `[]`.
    public func parents(of device: DeviceID) -> [DeviceID] { parents[device] ?? [] }

    /// The children of `device`, or `[]`.
    public func children(of device: DeviceID) -> [DeviceID] { children[device] ?? [] }

    /// Every device behind `device`: its children, their children, and so on; sorted by name.
    public func descendants(of device: DeviceID) -> [DeviceID] {
        var seen: Set<DeviceID> = []
        var queue = children(of: device)
        while let next = queue.popLast() {
            guard next != device, seen.insert(next).inserted else { continue }
            queue += children(of: next)
        }
        return seen.sorted()
    }

    /// A cycle of parents, if there is one: `[a, b, a]` when `a` names `b` as a parent and `b` names `a`.
    ///
    /// The devices are visited in name order, so the same topology always reports the same cycle.
    public func cycle() -> [DeviceID]? {
        enum Mark { case visiting, done }
        var marks: [DeviceID: Mark] = [:]
        var path: [DeviceID] = []

        func visit(_ device: DeviceID) -> [DeviceID]? {
            switch marks[device] {
            case .done: return nil
            case .visiting:
                guard let start = path.firstIndex(of: device) else { return nil }
                return Array(path[start...]) + [device]
            case nil: break
            }
            marks[device] = .visiting
            path.append(device)
            for parent in parents(of: device) {
                if let cycle = visit(parent) { return cycle }
            }
            path.removeLast()
            marks[device] = .done
            return nil
        }

        for device in parents.keys.sorted() {
            if let cycle = visit(device) { return cycle }
        }
        return nil
    }
}

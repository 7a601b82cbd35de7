/// Which live agent should poll each device: rendezvous hashing (highest random weight), so every agent computes
/// the same answer from the same list of agents without talking to the others, devices spread evenly, and when an
/// agent joins or leaves only the devices it gains or loses move.
///
/// Devices are placed by their *placement key*, not their name: every device of one topology tree (a router and
/// the switches behind it, `parents:`) shares its key, so one agent polls the whole tree and its dependency muting
/// (a dead router explains its children) keeps working.
public enum DevicePlacement {
    /// The agent that should hold `key`, among the agents that may (`nil` when none may).
    public static func owner(of key: String, among agents: [String]) -> String? {
        agents.max { lhs, rhs in
            let (left, right) = (weight(agent: lhs, key: key), weight(agent: rhs, key: key))
            return left != right ? left < right : lhs > rhs
        }
    }

    /// The placement key of each device: the least name of its connected topology component (devices without
    /// parents or children are their own component).
    /// - Parameter parents: Each device's parents.
    public static func keys(parents: [String: [String]]) -> [String: String] {
        var root: [String: String] = [:]
        func find(_ device: String) -> String {
            var current = device
            while let next = root[current], next != current { current = next }
            var walk = device
            while let next = root[walk], next != current {
                root[walk] = current
                walk = next
            }
            return current
        }
        for device in parents.keys { root[device] = root[device] ?? device }
        for (device, ancestors) in parents {
            for parent in ancestors {
                root[parent] = root[parent] ?? parent
                let (a, b) = (find(device), find(parent))
                if a != b {
                    if a < b { root[b] = a } else { root[a] = b }
                }
            }
        }
        var keys: [String: String] = [:]
        for device in parents.keys { keys[device] = find(device) }
        return keys
    }

    /// A stable 64-bit weight of `agent` for `key` (FNV-1a, then a final mix): the same in every process, unlike
    /// Swift's seeded `Hasher`.
    static func weight(agent: String, key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in agent.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0) &* 0x100_0000_01b3
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}

import Synchronization

/// What ``SNMPSampleBuilder`` keeps of a device's latest poll for the next one: each table's rows
/// (``SNMPTableRows``), whose label sets the next poll reuses when its rows and label columns are the same. About
/// what the label columns and `info` values of one poll take; a table that a poll did not walk is forgotten.
public struct SNMPSampleMemory: Sendable {
    /// The rows of each table, by the table's place among the profiles' tables.
    var tables: [Int: SNMPTableRows] = [:]
    /// How many label sets of table rows and `info` values the latest poll made rather than took from the poll
    /// before it.
    public internal(set) var labelSetsMade = 0

    /// Nothing remembered: the next poll builds every label set.
    public init() {}
}

/// A device's ``SNMPSampleMemory``, kept by its probe between polls. A poll takes it out and puts back what it
/// leaves; a poll that overlaps another (which the scheduler does not start) would find it empty and only build
/// every label set again.
final class SNMPSampleMemoryCell: Sendable {
    private let memory = Mutex(SNMPSampleMemory())

    /// The memory, left empty until ``keep(_:)``.
    func take() -> SNMPSampleMemory {
        memory.withLock { memory in
            defer { memory = SNMPSampleMemory() }
            return memory
        }
    }

    /// Keeps what a poll left for the next one.
    func keep(_ left: consuming SNMPSampleMemory) {
        memory.withLock { $0 = left }
    }
}

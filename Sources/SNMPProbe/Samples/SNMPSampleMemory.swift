import SNMPKit
import Synchronization

/// What a device's probe keeps of its latest poll for the next one: each table's rows (``SNMPTableRows``), whose
/// label sets ``SNMPSampleBuilder`` reuses when the next poll's rows and label columns are the same, and the size of
/// every column walked, which the next walk makes room for at once. About what the label columns and `info` values
/// of one poll take; a table that a poll did not walk is forgotten.
public struct SNMPSampleMemory: Sendable {
    /// The rows of each table, by the table's place among the profiles' tables.
    var tables: [Int: SNMPTableRows] = [:]
    /// The size of each column of the latest successful side-by-side walk, in its order (two integers a
    /// column, no OID).
    var columnSizes: [SNMPColumn.Size] = []
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

import Foundation
public import VedettaCore

#if canImport(Glibc)
    import Glibc
#endif

/// A claim on an SQLite store: a `flock` on `<database>.lock`, a file that holds the PID of its last holder.
///
/// Agents take it **shared**: several agents may use one database (the outbox claims and the unique index of open
/// incidents keep every page single). `vedetta store restore` takes it **exclusive**: it refuses to replace a
/// database any agent is using, and an agent started while a restore runs refuses to start. The kernel drops a
/// lock when its process ends, even by `kill -9`, so a crash never leaves a stale lock behind. The CLI's other
/// commands (reading incidents, acknowledging, backups) take no lock: they share the database with running agents
/// by design.
public final class SQLiteStoreLock: Sendable {
    /// Who claims the store.
    public enum Holder: Sendable {
        /// An agent: shared with other agents, exclusive of a restore.
        case agent
        /// A restore: exclusive of everything.
        case restore
    }

    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// The lock file of the database at `database`.
    public static func path(of database: String) -> String {
        database + ".lock"
    }

    /// Claims the database at `database`, without waiting; creates the database's directory when it is missing.
    /// - Parameters:
    ///   - database: The store's database file (it need not exist).
    ///   - holder: An agent (shared) or a restore (exclusive).
    /// - Throws: ``VedettaCore/StoreError`` `conflict` naming the process in the way, or `unavailable` when the
    ///   lock file cannot be created.
    public init(database: String, holder: Holder) throws(StoreError) {
        let path = Self.path(of: database)
        let operation = holder == .agent ? "claim the store for the agent" : "claim the store for the restore"
        // The lock comes before the database: its directory may not exist yet on a first start.
        let directory = (database as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(
                .unavailable, message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))",
                operation: operation, database: database)
        }
        guard flock(descriptor, (holder == .agent ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 else {
            let failure = errno
            let owner = Self.recordedPID(descriptor).map { "process \($0)" } ?? "another process"
            close(descriptor)
            guard failure == EWOULDBLOCK else {
                throw StoreError(
                    .unavailable, message: "cannot lock \(path): \(String(cString: strerror(failure)))",
                    operation: operation, database: database)
            }
            throw StoreError(
                .conflict,
                message: holder == .agent
                    ? "a restore (\(owner)) is replacing \(database); start the agent when it is done"
                    : "a vedetta agent (\(owner)) is using \(database); stop every agent on this database first "
                        + "(see \(path))",
                operation: operation, database: database)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock; the file stays (removing it would race a new holder).
        close(descriptor)
    }

    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

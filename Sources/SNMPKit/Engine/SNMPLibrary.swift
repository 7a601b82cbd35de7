import CNetSNMP
import Foundation
import Synchronization

/// net-snmp's process-wide set-up, and the lock that keeps its threads apart.
///
/// net-snmp has no internal locking: its USM user table, engine time table and session bookkeeping are global.
/// Two threads call it, the poller's ``SNMPEventLoop`` and the ``SNMPTrapReceiver``, so each calls it only
/// inside ``exclusively(_:)``, and neither holds the lock while it waits for its sockets.
enum SNMPLibrary {
    /// Whether net-snmp was initialised, under the lock every net-snmp call is made with.
    private static let lock = Mutex<Bool>(false)

    /// Runs `body` with net-snmp to itself, initialising the library on first use.
    /// - Parameter body: The net-snmp calls.
    /// - Returns: What `body` returns.
    static func exclusively<Result: Sendable>(_ body: () -> Result) -> Result {
        lock.withLock { initialised in
            if !initialised {
                initialise()
                initialised = true
            }
            return body()
        }
    }

    /// Initialises net-snmp as a pure client: no MIB loading (Vedetta speaks numeric OIDs only, and start-up
    /// stays fast), no snmp.conf, no persistent state; net-snmp's own logging is off.
    ///
    /// net-snmp creates a persistent directory at start-up (for TLS certificate indexes) even when it saves
    /// nothing; it gets a private one under the temporary directory, so it never touches `/var/lib/snmp`, and
    /// that directory is removed again once initialisation is done (v1/v2c never use it).
    private static func initialise() {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-netsnmp-\(ProcessInfo.processInfo.processIdentifier)")
        vedetta_snmp_init("vedetta", directory.path)
        try? FileManager.default.removeItem(at: directory)
    }
}

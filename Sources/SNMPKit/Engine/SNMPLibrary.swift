import CNetSNMP
import Foundation

/// net-snmp's process-wide set-up, done once on the event-loop thread before any session opens.
enum SNMPLibrary {
    /// Initialises net-snmp as a pure client: no MIB loading (Vedetta speaks numeric OIDs only, and start-up
    /// stays fast), no snmp.conf, no persistent state; net-snmp's own logging is off.
    ///
    /// net-snmp creates a persistent directory at start-up (for TLS certificate indexes) even when it saves
    /// nothing; it gets a private one under the temporary directory, so it never touches `/var/lib/snmp`, and
    /// that directory is removed again once initialisation is done (v1/v2c never use it).
    static func initialise() {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-netsnmp-\(ProcessInfo.processInfo.processIdentifier)")
        vedetta_snmp_init("vedetta", directory.path)
        try? FileManager.default.removeItem(at: directory)
    }
}

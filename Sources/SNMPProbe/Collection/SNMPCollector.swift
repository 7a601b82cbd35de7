import Logging
import SNMPKit
import VedettaConfig
import VedettaCore
import VedettaProbes

/// Fetches what a probe run needs from one device: the profiles' scalars with batched GETs and every table's
/// columns with one column walk (all columns side by side, ``SNMPEngine/walkColumns(_:from:maxRepetitions:)``),
/// every OID once even when several profiles share it. When that walk fails on a broken object rather than on the
/// device, each table is walked on its own, and a table that fails again column by column, so one bad column costs
/// only itself.
///
/// Each request's timeout comes from the time left before the deadline, split over its attempts (at least
/// 100 ms). A device-level failure (timeout, unreachable, refused community, cancellation) stops the run;
/// a broken object (an error-status on one column, a non-increasing walk) is skipped and the run goes on,
/// so the samples collected so far are kept either way.
struct SNMPCollector {
    /// Most OIDs in one GET request.
    static let scalarsPerRequest = 32
    /// The shortest per-attempt timeout used, however close the deadline.
    static let minimumTimeout = Duration.milliseconds(100)

    private let engine: SNMPEngine
    private let target: SNMPTargetSettings
    private let maxRepetitions: Int
    /// The size of each column at the previous poll, in the order the side-by-side walk lists them.
    private let expectedSizes: [SNMPColumn.Size]
    private let deadline: ContinuousClock.Instant
    private let logger: Logger

    /// Values of the scalars the device has.
    private(set) var scalars: [OID: SNMPValue] = [:]
    /// The rows walked under each column OID.
    private(set) var columns: [OID: SNMPColumn] = [:]
    /// The size of each column of the side-by-side walk, in its order, when it succeeded: what the next poll's
    /// walk makes room for.
    private(set) var walkedSizes: [SNMPColumn.Size] = []
    /// Why the run failed, if it did.
    private(set) var failure: ProbeFailure?
    private var stopped = false

    init(
        engine: SNMPEngine,
        target: SNMPTargetSettings,
        maxRepetitions: Int,
        expectedSizes: [SNMPColumn.Size] = [],
        deadline: ContinuousClock.Instant,
        logger: Logger
    ) {
        self.engine = engine
        self.target = target
        self.maxRepetitions = maxRepetitions
        self.expectedSizes = expectedSizes
        self.deadline = deadline
        self.logger = logger
    }

    /// `sysUpTime.0`, fetched on every run so that counter resets (a reboot) can be told from wraps.
    static let sysUpTime = OID([1, 3, 6, 1, 2, 1, 1, 3, 0])

    /// The device's uptime from `sysUpTime.0`, when it answered one.
    var deviceUptime: Duration? {
        guard case .timeTicks(let ticks) = scalars[Self.sysUpTime] else { return nil }
        return .milliseconds(Int64(ticks) * 10)
    }

    /// Fetches `sysUpTime.0` and every scalar, then walks every column, of `profiles`.
    mutating func collect(_ profiles: [SNMPProfile]) async {
        let scalarOIDs = Self.unique([Self.sysUpTime] + profiles.flatMap { $0.scalars.map(\.oid) })
        var start = 0
        while start < scalarOIDs.count, !stopped {
            let end = min(start + Self.scalarsPerRequest, scalarOIDs.count)
            await fetch(Array(scalarOIDs[start..<end]))
            start = end
        }
        let tables = profiles.flatMap(\.tables).map { Self.unique($0.labels.map(\.oid) + $0.metrics.map(\.oid)) }
        await walk(tables: tables)
    }

    /// GETs `oids`; on SNMPv1 a `noSuchName` answer drops the named OID and asks again for the rest.
    private mutating func fetch(_ oids: [OID]) async {
        var pending = oids
        var rounds = 0
        while !pending.isEmpty, rounds <= oids.count {
            rounds += 1
            guard let settings = requestSettings() else { return }
            do {
                for varBind in try await engine.get(pending, from: settings) {
                    switch varBind.value {
                    case .noSuchObject, .noSuchInstance, .endOfMibView, .null: continue
                    default: scalars[varBind.oid] = varBind.value
                    }
                }
                return
            } catch {
                if error.code == .protocolError, error.errorStatus == .noSuchName, let missing = error.oid,
                    let position = pending.firstIndex(of: missing)
                {
                    pending.remove(at: position)
                    continue
                }
                record(error)
                return
            }
        }
    }

    /// Walks the columns of every table of `tables` in one column walk: a table's last requests then carry the
    /// next table's first columns instead of going out half empty (one request less per table on the router
    /// recording). When that walk fails on a broken object, each table is walked again on its own, and a table
    /// that fails again column by column.
    private mutating func walk(tables: [[OID]]) async {
        let roots = Self.unique(tables.flatMap { $0 }).filter { columns[$0] == nil }
        do throws(SNMPError) {
            try await walkSideBySide(roots)
        } catch {
            guard tables.count > 1 else {
                await walkColumnByColumn(roots, after: error)
                return
            }
            logger.debug("SNMP tables walked one by one after an error", metadata: ["snmp.error": "\(error)"])
            for table in tables where !stopped {
                await walk(tables: [table])
            }
        }
    }

    /// Walks `roots` side by side into ``columns``.
    /// - Throws: The error when the walk failed on a broken object (the device is still there); a device-level
    ///   failure is recorded and stops the run instead.
    private mutating func walkSideBySide(_ roots: [OID]) async throws(SNMPError) {
        guard !roots.isEmpty, !stopped, let settings = requestSettings() else { return }
        do {
            let walked = try await engine.walkColumns(
                roots, from: settings, maxRepetitions: maxRepetitions, expectedSizes: expectedSizes)
            columns.merge(walked) { _, new in new }
            walkedSizes = roots.map { walked[$0]?.size ?? SNMPColumn.Size(rows: 0, indexComponents: 0) }
        } catch {
            guard Self.isObjectLevel(error) else {
                record(error)
                return
            }
            throw error
        }
    }

    private mutating func walkColumnByColumn(_ roots: [OID], after error: SNMPError) async {
        logger.debug("SNMP table walked column by column after an error", metadata: ["snmp.error": "\(error)"])
        for root in roots where !stopped {
            await walk(root)
        }
    }

    private mutating func walk(_ column: OID) async {
        guard let settings = requestSettings() else { return }
        do {
            columns[column] = try await engine.walkColumn(column, from: settings, maxRepetitions: maxRepetitions)
        } catch {
            record(error)
        }
    }

    /// Whether `error` concerns one object rather than the device (so the rest of the device can still be read).
    private static func isObjectLevel(_ error: SNMPError) -> Bool {
        switch error.code {
        case .protocolError: error.errorStatus != .authorizationError
        case .malformedResponse, .nonIncreasingOID, .walkLimitExceeded: true
        default: false
        }
    }

    /// The target with a per-attempt timeout from the time left, or `nil` (and a timeout failure) when the
    /// deadline has passed.
    private mutating func requestSettings() -> SNMPTargetSettings? {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else {
            fail(ProbeFailure(.timeout, "SNMP probe of \(target.address) ran out of time before its deadline"))
            return nil
        }
        var settings = target
        settings.timeout = max(Self.minimumTimeout, remaining / (max(0, target.retries) + 1))
        return settings
    }

    private mutating func record(_ error: SNMPError) {
        let code = ProbeFailure.Code(snmp: error)
        switch code {
        case .malformedResponse:
            // One object or table the device answers badly: skip it, keep polling the rest.
            logger.debug(
                "SNMP object skipped after an error-status or a bad answer",
                metadata: ["snmp.oid": "\(error.oid.map(\.description) ?? "")", "snmp.error": "\(error)"])
            // An error-status (genErr on one column) is the device's choice; a broken answer marks the run.
            if error.code != .protocolError, failure == nil { failure = ProbeFailure(code, error.description) }
        case .timeout where error.code == .cancelled:
            fail(ProbeFailure(code, "SNMP probe of \(target.address) was stopped at its deadline"))
        default:
            fail(ProbeFailure(code, error.description))
        }
    }

    /// Records a device-level failure and stops further requests.
    private mutating func fail(_ reason: ProbeFailure) {
        if failure == nil || failure?.code == .malformedResponse { failure = reason }
        stopped = true
    }

    private static func unique(_ oids: [OID]) -> [OID] {
        var seen = Set<OID>()
        return oids.filter { seen.insert($0).inserted }
    }
}

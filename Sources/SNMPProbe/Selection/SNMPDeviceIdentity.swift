public import SNMPKit
public import VedettaCore

/// What a device says about itself in the SNMPv2-MIB system group: the model (`sysObjectID.0`), a description
/// (`sysDescr.0`) and its name (`sysName.0`). Profiles are selected by the model.
public struct SNMPDeviceIdentity: Sendable, Hashable {
    /// `sysObjectID.0`: the vendor's identification of the model, or `nil` when the device has none.
    public var sysObjectID: OID?
    /// `sysDescr.0`, or `nil` when the device has none.
    public var sysDescr: String?
    /// `sysName.0`, or `nil` when the device has none.
    public var sysName: String?

    /// Creates an identity.
    /// - Parameters:
    ///   - sysObjectID: The model OID.
    ///   - sysDescr: The description.
    ///   - sysName: The device's name.
    public init(sysObjectID: OID?, sysDescr: String? = nil, sysName: String? = nil) {
        self.sysObjectID = sysObjectID
        self.sysDescr = sysDescr
        self.sysName = sysName
    }

    /// `sysDescr.0`.
    public static let sysDescrOID = OID([1, 3, 6, 1, 2, 1, 1, 1, 0])
    /// `sysObjectID.0`.
    public static let sysObjectIDOID = OID([1, 3, 6, 1, 2, 1, 1, 2, 0])
    /// `sysName.0`.
    public static let sysNameOID = OID([1, 3, 6, 1, 2, 1, 1, 5, 0])

    /// Asks the device at `target` for its identity with one GET (more on SNMPv1 when it lacks an object: the
    /// missing one is dropped and the rest asked again).
    /// - Parameters:
    ///   - target: The device; its timeout and retries apply to each request.
    ///   - engine: The SNMP engine.
    /// - Throws: `SNMPError` when the device does not answer, refuses the credentials or answers garbage.
    /// - Returns: The identity; objects the device does not have are `nil`.
    public static func fetch(from target: SNMPTargetSettings, engine: SNMPEngine) async throws(SNMPError) -> Self {
        var pending = [sysDescrOID, sysObjectIDOID, sysNameOID]
        var values: [OID: SNMPValue] = [:]
        while !pending.isEmpty {
            do {
                for varBind in try await engine.get(pending, from: target) { values[varBind.oid] = varBind.value }
                break
            } catch {
                guard error.code == .protocolError, error.errorStatus == .noSuchName, let missing = error.oid,
                    let position = pending.firstIndex(of: missing)
                else { throw error }
                pending.remove(at: position)
            }
        }
        var objectID: OID?
        if case .objectIdentifier(let oid) = values[sysObjectIDOID] { objectID = oid }
        return SNMPDeviceIdentity(
            sysObjectID: objectID, sysDescr: text(values[sysDescrOID]), sysName: text(values[sysNameOID]))
    }

    private static func text(_ value: SNMPValue?) -> String? {
        guard let value, !value.isException, value != .null else { return nil }
        return value.textValue ?? value.displayValue
    }
}

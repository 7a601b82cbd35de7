import VedettaConfig
public import VedettaCore

/// Which devices a profile applies to by itself (`match:` in `probes/*.yaml`), for devices whose profiles are
/// selected automatically (`profiles: auto`, or no `profiles`).
///
/// A profile without `match` is polled only on devices that name it.
public enum SNMPProfileMatch: Sendable, Hashable {
    /// `match: any`: every device (generic MIBs such as the system group and IF-MIB).
    case any
    /// `match: {sys_object_id: [...]}`: devices whose `sysObjectID.0` lies under one of these OID prefixes.
    case sysObjectID([OID])

    /// Whether a device reporting `sysObjectID` matches.
    ///
    /// Prefixes are compared by whole sub-identifiers: `1.3.6.1.4.1.9.1` matches `1.3.6.1.4.1.9.1` and
    /// `1.3.6.1.4.1.9.1.1208`, not `1.3.6.1.4.1.9.10`.
    /// - Parameter sysObjectID: The device's `sysObjectID.0`.
    /// - Returns: `true` for ``any``, or when a prefix matches.
    public func matches(_ sysObjectID: OID) -> Bool {
        switch self {
        case .any: true
        case .sysObjectID(let prefixes): prefixes.contains { sysObjectID.hasPrefix($0) }
        }
    }

    /// Whether this is `match: any`.
    public var isGeneric: Bool {
        if case .any = self { return true }
        return false
    }
}

import VedettaConfig
public import VedettaCore

/// Which profiles a device polls (`devices[].snmp.profiles`): names written out, automatic selection by the
/// device's `sysObjectID.0`, or both.
///
/// `profiles` omitted, `profiles: auto`, or `auto` as an item of the list next to names turns on automatic
/// selection: every `match: any` profile plus every profile whose `match.sys_object_id` prefixes match the
/// device, plus the names given.
public struct SNMPProfileSelection: Sendable, Hashable {
    /// The profiles named in `profiles`, in file order (without `auto`).
    public var names: [String]
    /// Whether profiles are also selected by the device's `sysObjectID.0`.
    public var isAutomatic: Bool

    /// Creates a selection.
    /// - Parameters:
    ///   - names: Profiles polled on the device whatever it reports.
    ///   - isAutomatic: Whether matching profiles are added by `sysObjectID.0`.
    public init(names: [String] = [], isAutomatic: Bool = false) {
        self.names = names
        self.isAutomatic = isAutomatic
    }

    /// Automatic selection only (`profiles: auto`, or no `profiles`).
    public static let automatic = SNMPProfileSelection(isAutomatic: true)

    /// Exactly these profiles, in this order.
    /// - Parameter names: Profile names.
    /// - Returns: A selection without automatic matching.
    public static func named(_ names: [String]) -> Self { SNMPProfileSelection(names: names) }

    /// The names of the profiles to poll on a device that reported `sysObjectID`.
    ///
    /// The automatic part comes first: the `match: any` profiles, then those matching `sysObjectID`, each group
    /// sorted by name; the named profiles follow in their order. A name appears once.
    /// - Parameters:
    ///   - catalog: Every profile by name (``VedettaConfiguration/profiles``).
    ///   - sysObjectID: The device's `sysObjectID.0`, or `nil` when it has none (only generic profiles match).
    /// - Returns: Profile names that exist in `catalog`.
    public func profileNames(in catalog: [String: SNMPProfile], sysObjectID: OID?) -> [String] {
        var selected: [String] = []
        if isAutomatic {
            let matching = catalog.values.filter { profile in
                guard let match = profile.match else { return false }
                return match.isGeneric || sysObjectID.map(match.matches) == true
            }
            let generic = matching.filter { $0.match?.isGeneric == true }.map(\.name).sorted()
            let specific = matching.filter { $0.match?.isGeneric == false }.map(\.name).sorted()
            selected = generic + specific
        }
        for name in names where catalog[name] != nil && !selected.contains(name) {
            selected.append(name)
        }
        return selected
    }

    /// The profiles to poll on a device that reported `sysObjectID`, in the order of
    /// ``profileNames(in:sysObjectID:)``.
    /// - Parameters:
    ///   - catalog: Every profile by name.
    ///   - sysObjectID: The device's `sysObjectID.0`, or `nil` when it has none.
    /// - Returns: The selected profiles.
    public func profiles(in catalog: [String: SNMPProfile], sysObjectID: OID?) -> [SNMPProfile] {
        profileNames(in: catalog, sysObjectID: sysObjectID).compactMap { catalog[$0] }
    }
}

import VedettaCore

/// Reads one device profile file of `probes_dir` (`probes/*.yaml`): which objects to read from a kind of device
/// and how they become samples. The kind that owns profiles (SNMP) provides it.
public protocol ProfileReader: Sendable {
    /// Reads the profile whose file root is `reader`.
    /// - Parameter reader: The file's root mapping.
    /// - Returns: The profile, or `nil` when a problem was reported.
    func readProfile(_ reader: NodeReader) -> (any DeviceProfile)?
}

/// A validated device profile, as its kind's reader made it.
public protocol DeviceProfile: Sendable, Equatable {
    /// The unique profile name.
    var name: String { get }
}

extension DeviceProfile {
    /// Whether `other` is the same profile, with the same content.
    public func isEqual(to other: any DeviceProfile) -> Bool {
        (other as? Self) == self
    }
}

/// The profiles of `probes_dir`, by name, and what checks may refer to.
public struct ProfileLibrary: Sendable {
    /// The valid profiles by name.
    public var profiles: [String: any DeviceProfile]
    /// Every profile name found, valid or not (so a device naming an invalid profile gets no second error), or
    /// `nil` when the directory could not be read (already reported, so references are not checked).
    public var names: Set<String>?
    /// The profiles directory as shown in messages.
    public var directory: String

    /// Creates a library.
    /// - Parameters:
    ///   - profiles: The valid profiles by name.
    ///   - names: Every name found, or `nil` when the directory could not be read.
    ///   - directory: The directory as shown in messages.
    public init(profiles: [String: any DeviceProfile] = [:], names: Set<String>? = [], directory: String = "probes") {
        self.profiles = profiles
        self.names = names
        self.directory = directory
    }

    /// `nil` when a check may refer to the profile `name`; otherwise the message explaining why not.
    /// - Parameter name: A profile name.
    /// - Returns: The problem, or `nil`.
    public func problem(with name: String) -> String? {
        guard let names, !names.contains(name) else { return nil }
        guard !names.isEmpty else { return "unknown profile \"\(name)\"; no profiles found in \(directory)" }
        return "unknown profile \"\(name)\"; known: \(names.sorted().joined(separator: ", "))"
    }

    /// Whether `other` holds the same valid profiles, each with the same content: a reload keeps the probes that
    /// use profiles only when they are.
    public func hasSameProfiles(as other: ProfileLibrary) -> Bool {
        profiles.count == other.profiles.count
            && profiles.allSatisfy { name, profile in other.profiles[name].map(profile.isEqual(to:)) ?? false }
    }

    /// The profiles of type `T` by name.
    public func profiles<T: DeviceProfile>(of type: T.Type) -> [String: T] {
        profiles.compactMapValues { $0 as? T }
    }
}

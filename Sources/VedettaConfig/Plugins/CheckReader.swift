public import VedettaCore

/// Reads one kind of check a device can have: the section under its key in `devices[]` (`snmp:`, `http:`).
///
/// A probe kind owns its section: its keys, its defaults, its validation (every problem reported at its
/// `file:line:column` through the ``NodeReader``) and the settings type it returns. The loader knows only the key;
/// adding a kind adds a reader in the kind's own module and one registration line in the agent.
public protocol CheckReader: Sendable {
    /// The key under `devices[]`, e.g. `snmp`.
    var key: String { get }

    /// Reads one check.
    ///
    /// The mapping may also hold `name` (it names the check when a device has several of the kind); the loader
    /// reads and checks it, so a reader lists `name` among its keys and ignores it.
    /// - Parameters:
    ///   - reader: The check's mapping.
    ///   - profiles: The device profiles of `probes_dir`, for kinds whose checks refer to them.
    /// - Returns: The settings, or `nil` when a problem was reported.
    func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)?
}

/// The validated settings of one check, as its kind's reader made them. The loader only needs to know what is
/// probed; the kind's probe factory reads the rest.
public protocol CheckSettings: Sendable, Equatable {
    /// What is probed, for logs and `vedetta probe`: `host:port` or the URL.
    var address: String { get }

    /// The check's own timeout, when its kind lets a check set one (an exec plugin's `timeout`); `nil` (the
    /// default) takes the device's. Like the device's, it must be shorter than the device's interval.
    var timeout: Duration? { get }

    /// How ``timeout`` follows from other settings, when the check does not set it directly (an ICMP check's run
    /// lasts as long as its packets); errors about the timeout quote it. `nil` (the default): it is a setting.
    var timeoutDerivation: String? { get }
}

extension CheckSettings {
    /// Whether `other` holds the same settings (of the same kind): a reload keeps the probe of a check whose
    /// settings are the same.
    public func isEqual(to other: any CheckSettings) -> Bool {
        (other as? Self) == self
    }

    /// `nil`: the device's timeout applies.
    public var timeout: Duration? { nil }
    /// `nil`: the timeout is a setting of its own.
    public var timeoutDerivation: String? { nil }
}

/// One check of a device: a kind, an optional name, and the kind's settings.
public struct CheckConfiguration: Sendable {
    /// The kind's key, e.g. `snmp`; also the `probe` label of its samples.
    public var kind: String
    /// The check's name when the device has several of its kind (the `check` label of its samples), else `nil`.
    public var name: String?
    /// The settings the kind's reader returned.
    public var settings: any CheckSettings
    /// Where the check is defined.
    public var location: SourceLocation

    /// Creates a check.
    /// - Parameters:
    ///   - kind: The kind's key.
    ///   - name: The check's name, when named.
    ///   - settings: The kind's settings.
    ///   - location: Where it is defined.
    public init(kind: String, name: String? = nil, settings: any CheckSettings, location: SourceLocation) {
        self.kind = kind
        self.name = name
        self.settings = settings
        self.location = location
    }

    /// Whether `other` is the same check: kind, name and settings, wherever each is written.
    public func isSame(as other: CheckConfiguration) -> Bool {
        kind == other.kind && name == other.name && settings.isEqual(to: other.settings)
    }
}

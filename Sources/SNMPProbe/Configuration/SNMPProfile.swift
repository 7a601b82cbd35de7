public import VedettaConfig
public import VedettaCore

/// A device profile from `probes/<name>.yaml`: which OIDs to poll and how they become samples.
public struct SNMPProfile: DeviceProfile {
    /// The profile name (`name`, unique across `probes/`).
    public var name: String
    /// One line saying what kind of device or MIB it covers.
    public var description: String
    /// Single-instance objects fetched with GET (`scalars`).
    public var scalars: [SNMPScalarMetric]
    /// Conceptual tables walked column by column (`tables`).
    public var tables: [SNMPTable]
    /// Which devices get the profile under automatic selection (`match`); `nil` when only devices naming it do.
    public var match: SNMPProfileMatch?
    /// Where the profile is defined.
    public var location: SourceLocation

    /// Creates a profile.
    public init(
        name: String,
        description: String = "",
        scalars: [SNMPScalarMetric] = [],
        tables: [SNMPTable] = [],
        match: SNMPProfileMatch? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.scalars = scalars
        self.tables = tables
        self.match = match
        self.location = location
    }
}

/// How an SNMP value becomes a sample.
public enum SNMPMetricType: String, Sendable, Hashable, CaseIterable {
    /// Numeric value exported as is (times `scale`).
    case gauge
    /// Counter32/Counter64, exported as a counter (rules take its `rate`).
    case counter
    /// Text value exported as sample `<name>{<name>="text"} 1` (snmp_exporter's DisplayString style).
    case info
}

/// A scalar object (`scalars[]`).
public struct SNMPScalarMetric: Sendable, Hashable {
    /// Sample name.
    public var name: String
    /// The full instance OID, usually ending in `.0`.
    public var oid: OID
    /// How the value is exported.
    public var type: SNMPMetricType
    /// Multiplier applied to numeric values (`scale`, default 1; e.g. 0.01 for TimeTicks to seconds).
    public var scale: Double
    /// Help text for `/metrics`.
    public var help: String

    /// Creates a scalar metric.
    public init(name: String, oid: OID, type: SNMPMetricType, scale: Double = 1, help: String = "") {
        self.name = name
        self.oid = oid
        self.type = type
        self.scale = scale
        self.help = help
    }
}

/// A conceptual table (`tables[]`): columns sharing an index.
public struct SNMPTable: Sendable, Hashable {
    /// Table name, for documentation and errors.
    public var name: String
    /// How the row index (the OID suffix after a column OID) decodes into labels.
    public var index: [SNMPIndexComponent]
    /// Text columns exported as labels on every metric of the row.
    public var labels: [SNMPColumnLabel]
    /// Columns exported as samples.
    public var metrics: [SNMPColumnMetric]

    /// Creates a table.
    public init(
        name: String,
        index: [SNMPIndexComponent],
        labels: [SNMPColumnLabel] = [],
        metrics: [SNMPColumnMetric]
    ) {
        self.name = name
        self.index = index
        self.labels = labels
        self.metrics = metrics
    }
}

/// One component of a table index (`index[]`).
public struct SNMPIndexComponent: Sendable, Hashable {
    /// How the component is encoded in the OID suffix.
    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        /// One sub-identifier (ifIndex).
        case integer
        /// A length-prefixed string: length, then one sub-identifier per byte.
        case string
        /// Four sub-identifiers forming an IPv4 address.
        case ipAddress = "ip_address"
        /// All remaining sub-identifiers, dotted (must be last).
        case rest
    }

    /// Label name, e.g. `ifIndex`.
    public var name: String
    /// Encoding of the component.
    public var encoding: Encoding

    /// Creates an index component.
    public init(name: String, encoding: Encoding) {
        self.name = name
        self.encoding = encoding
    }
}

/// A text column exported as a label (`labels[]`).
public struct SNMPColumnLabel: Sendable, Hashable {
    /// Label name, e.g. `ifName`.
    public var name: String
    /// Column OID (without index).
    public var oid: OID

    /// Creates a label column.
    public init(name: String, oid: OID) {
        self.name = name
        self.oid = oid
    }
}

/// A column exported as samples (`metrics[]`).
public struct SNMPColumnMetric: Sendable, Hashable {
    /// Sample name, e.g. `ifHCInOctets`.
    public var name: String
    /// Column OID (without index).
    public var oid: OID
    /// How the value is exported.
    public var type: SNMPMetricType
    /// Multiplier for numeric values.
    public var scale: Double
    /// Help text.
    public var help: String

    /// Creates a column metric.
    public init(name: String, oid: OID, type: SNMPMetricType, scale: Double = 1, help: String = "") {
        self.name = name
        self.oid = oid
        self.type = type
        self.scale = scale
        self.help = help
    }
}

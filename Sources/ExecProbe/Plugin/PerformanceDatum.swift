/// One item of a plugin's performance data, `'label'=value[UOM];[warn];[crit];[min];[max]`, in base units.
public struct PerformanceDatum: Sendable, Hashable {
    /// The label, unquoted.
    public var label: String
    /// The value, converted to the base unit.
    public var value: Double
    /// The unit after conversion.
    public var unit: PerformanceUnit
    /// The warning threshold, in the base unit, when it is a plain number (`10`, or `~:10` / `0:10`-style ranges
    /// are left out: a range is not one number).
    public var warning: Double?
    /// The critical threshold, as ``warning``.
    public var critical: Double?
    /// The smallest possible value, in the base unit.
    public var minimum: Double?
    /// The largest possible value, in the base unit.
    public var maximum: Double?

    /// Creates an item.
    public init(
        label: String, value: Double, unit: PerformanceUnit = .none, warning: Double? = nil,
        critical: Double? = nil, minimum: Double? = nil, maximum: Double? = nil
    ) {
        self.label = label
        self.value = value
        self.unit = unit
        self.warning = warning
        self.critical = critical
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// The unit of a performance data value after conversion to base units; the `uom` label of its samples.
public struct PerformanceUnit: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    /// The label value: `s`, `bytes`, `percent`, `counter`, empty, or a unit Vedetta does not convert, as written.
    public let rawValue: String

    /// Creates a unit.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A plain number.
    public static let none = PerformanceUnit(rawValue: "")
    /// Seconds (from `s`, `ms`, `us`, `ns`).
    public static let seconds = PerformanceUnit(rawValue: "s")
    /// Bytes (from `B`, `KB`, `MB`, `GB`, `TB`, `PB`, powers of 1024, and the `KiB` spellings).
    public static let bytes = PerformanceUnit(rawValue: "bytes")
    /// Percent, 0 to 100 (from `%`).
    public static let percent = PerformanceUnit(rawValue: "percent")
    /// A continuous counter (from `c`): exported as a counter, so rules can take its `rate()`.
    public static let counter = PerformanceUnit(rawValue: "counter")

    /// The label value.
    public var description: String { rawValue }

    /// The base unit, and what to multiply and divide a value by to get there, for a unit of measure as plugins
    /// write it (dividing, not multiplying by 0.001, keeps `12ms` exactly `0.012`). Units Vedetta does not know
    /// (`V`, `dBm`, `degC`) are kept as written, unconverted.
    static func conversion(of uom: Substring) -> (unit: PerformanceUnit, multiplier: Double, divisor: Double) {
        switch uom {
        case "": (.none, 1, 1)
        case "s": (.seconds, 1, 1)
        case "ms": (.seconds, 1, 1e3)
        case "us", "µs": (.seconds, 1, 1e6)
        case "ns": (.seconds, 1, 1e9)
        case "%": (.percent, 1, 1)
        case "B": (.bytes, 1, 1)
        case "KB", "kB", "KiB": (.bytes, 1024, 1)
        case "MB", "MiB": (.bytes, 1_048_576, 1)
        case "GB", "GiB": (.bytes, 1_073_741_824, 1)
        case "TB", "TiB": (.bytes, 1_099_511_627_776, 1)
        case "PB", "PiB": (.bytes, 1_125_899_906_842_624, 1)
        case "c": (.counter, 1, 1)
        default: (PerformanceUnit(rawValue: String(uom)), 1, 1)
        }
    }
}

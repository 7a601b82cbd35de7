/// How a sample's value behaves over time, as in the Prometheus exposition format.
public enum SampleKind: String, Sendable, Hashable, Codable {
    /// A value that can go up and down (temperature, status, load).
    case gauge
    /// A monotonically increasing count that may wrap or reset (octets, packets, errors).
    case counter
}

/// One measured value of one time series, the common currency of probes, rules and `/metrics`.
public struct Sample: Sendable, Hashable {
    /// The metric name, e.g. `ifHCInOctets` or `up`.
    public var name: String
    /// The labels that identify the series: always `device`, plus probe- and table-specific labels.
    public var labels: LabelSet
    /// The value.
    public var value: Double
    /// For a counter, how many bits it has (so where it wraps), when the probe knows: SNMP `Counter32` and
    /// `Counter64`. `nil` for gauges and for counters of unknown width, whose every decrease is taken as a reset.
    /// Not exported: `/metrics` shows a counter the same whatever its width.
    public var counterWidth: CounterWidth?
    /// Gauge or counter.
    public var kind: SampleKind
    /// Whether the sample carries ``output`` (one byte to read, where a poll's reader asks it of every sample).
    /// Declared after ``counterWidth`` (17 bytes), it and ``kind`` take room the optional leaves before the next
    /// 8-byte field: a sample is 96 bytes, not 104.
    public private(set) var hasOutput: Bool
    /// One line of help text for `/metrics`, from the profile.
    public var help: String
    /// Text the probe reported with this value, e.g. a Nagios plugin's status line followed by its long output.
    /// Not part of the series identity and not exported; alert templates show it as `{{ $output }}` (the first
    /// line) and `{{ $long_output }}` (the lines after it).
    public var output: String? {
        get { hasOutput ? outputText : nil }
        set {
            outputText = newValue ?? ""
            hasOutput = newValue != nil
        }
    }
    /// ``output`` as a plain string, empty for none, and whether there is one. Not an optional string: the Swift
    /// 6.3 optimizer makes a struct with an optional string among its fields apart and then copies it where it
    /// goes, retaining and releasing its strings and labels once more, and a poll makes thousands of samples.
    private var outputText: String

    /// Creates a sample.
    public init(
        name: String,
        labels: LabelSet,
        value: Double,
        kind: SampleKind = .gauge,
        help: String = "",
        counterWidth: CounterWidth? = nil,
        output: String? = nil
    ) {
        self.name = name
        self.labels = labels
        self.value = value
        self.kind = kind
        self.help = help
        self.counterWidth = counterWidth
        self.outputText = output ?? ""
        self.hasOutput = output != nil
    }

    /// The series identity: name plus labels.
    public var seriesKey: SeriesKey { SeriesKey(name: name, labels: labels) }
}

/// The identity of a time series: its metric name and its labels.
public struct SeriesKey: Hashable, Sendable, CustomStringConvertible {
    /// The metric name.
    public var name: String
    /// The labels.
    public var labels: LabelSet

    /// Creates a series key.
    public init(name: String, labels: LabelSet) {
        self.name = name
        self.labels = labels
    }

    /// `name{labels}` in Prometheus notation.
    public var description: String { labels.isEmpty ? name : name + labels.description }
}

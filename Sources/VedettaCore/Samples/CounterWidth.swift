/// How many bits a counter has, and so at which value it wraps back to zero (SNMP `Counter32`, `Counter64`).
///
/// A sample's value may be the raw count times a profile's `scale`; ``scale`` records that factor so that
/// ``modulus`` is in the sample's own units. Rules use the width to tell a wrap from a reset: a 32-bit counter that
/// went down by less than half its range wrapped; a 64-bit counter never wraps in practice, so going down means it
/// was reset.
public struct CounterWidth: Hashable, Sendable, CustomStringConvertible {
    /// The number of bits of the raw counter, e.g. 32 or 64.
    public var bits: Int
    /// The factor applied to the raw count to get the sample value (1 unless the profile scales the counter).
    public var scale: Double

    /// Creates a width.
    /// - Parameters:
    ///   - bits: The number of bits of the raw counter.
    ///   - scale: The factor applied to the raw count to get the sample value.
    public init(bits: Int, scale: Double = 1) {
        self.bits = bits
        self.scale = scale
    }

    /// A 32-bit counter (SNMP `Counter32`): wraps after 4,294,967,295.
    public static let bits32 = CounterWidth(bits: 32)
    /// A 64-bit counter (SNMP `Counter64`).
    public static let bits64 = CounterWidth(bits: 64)

    /// The same width for a sample whose value is the raw count times `factor`.
    /// - Parameter factor: The extra factor applied to the value.
    /// - Returns: A width whose ``scale`` includes `factor`.
    public func scaled(by factor: Double) -> CounterWidth {
        CounterWidth(bits: bits, scale: scale * factor)
    }

    /// The sample value at which the counter is back at zero: `2^bits × scale`.
    public var modulus: Double { Double(sign: .plus, exponent: bits, significand: 1) * scale }

    /// `32-bit`, or `32-bit ×0.01` when scaled.
    public var description: String { scale == 1 ? "\(bits)-bit" : "\(bits)-bit ×\(scale)" }
}

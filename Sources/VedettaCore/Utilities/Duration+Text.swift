extension Duration {
    /// Parses a Prometheus-style duration: one or more `<number><unit>` parts, units `ms`, `s`, `m`, `h`, `d`, `w`,
    /// `y` (365 days), e.g. `30s`, `1m30s`, `250ms`, `2h`, `3y`. Returns `nil` for anything else (including negative
    /// values, `""`, and anything longer than ``maximumParsed``).
    ///
    /// - Parameter text: The text to parse.
    /// - Returns: The duration, or `nil` when `text` is not a valid duration.
    public static func parse(_ text: String) -> Duration? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var index = 0
        var total = Duration.zero
        while index < scalars.count {
            var digits = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            var unit = ""
            while index < scalars.count, ("a"..."z").contains(scalars[index]) {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let amount = Double(digits), amount >= 0, amount.isFinite else { return nil }
            let secondsPerUnit: Double
            switch unit {
            case "ms": secondsPerUnit = 0.001
            case "s": secondsPerUnit = 1
            case "m": secondsPerUnit = 60
            case "h": secondsPerUnit = 3600
            case "d": secondsPerUnit = 86_400
            case "w": secondsPerUnit = 604_800
            case "y": secondsPerUnit = 31_536_000
            default: return nil
            }
            let seconds = amount * secondsPerUnit
            guard seconds <= Self.maximumParsed.seconds else { return nil }
            total += .milliseconds(Int64((seconds * 1000).rounded()))
            guard total <= Self.maximumParsed else { return nil }
        }
        return total
    }

    /// The longest duration ``parse(_:)`` accepts: 1,000 years. Longer texts are refused rather than overflowing;
    /// no interval, window or retention needs more.
    public static let maximumParsed: Duration = .seconds(1000 * 31_536_000)

    /// A compact human form: `250ms`, `42s`, `5m3s`, `2h5m`, `3d4h`.
    public var compactDescription: String {
        let milliseconds = (seconds * 1000).rounded()
        // Clamped: a duration past Int64 milliseconds (292 million years) would trap in the conversion.
        let totalMilliseconds =
            milliseconds >= 9.2e18 ? Int64.max : milliseconds <= -9.2e18 ? Int64.min : Int64(milliseconds)
        if totalMilliseconds < 1000 { return "\(totalMilliseconds)ms" }
        let totalSeconds = totalMilliseconds / 1000
        let (days, hours) = (totalSeconds / 86_400, totalSeconds % 86_400 / 3600)
        let (minutes, secs) = (totalSeconds % 3600 / 60, totalSeconds % 60)
        if days > 0 { return hours > 0 ? "\(days)d\(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
        if minutes > 0 { return secs > 0 ? "\(minutes)m\(secs)s" : "\(minutes)m" }
        return "\(secs)s"
    }
}

import Foundation
import VedettaCore

/// Charts of a series' recent points, drawn on the server as SVG: the console's security policy allows no inline
/// style or script, and SVG shapes with classes from `console.css` need neither. A step without a value leaves a gap.
enum SeriesChart {
    /// The span a chart covers and the length of one point.
    struct Span {
        var start: Date
        var end: Date
        var step: TimeInterval

        /// The `keep` hours before `now` (at least one step), in points of `step` seconds.
        init(ending now: Date, points: Int, step: TimeInterval) {
            self.step = step
            self.end = now
            self.start = now.addingTimeInterval(-Double(max(1, points)) * step)
        }

        var seconds: TimeInterval { max(1, end.timeIntervalSince(start)) }
    }

    /// A small line of `points` for a table row, 96×22.
    static func sparkline(_ points: [SeriesHistory.Point], span: Span) -> String {
        guard !points.isEmpty else { return "" }
        let path = line(points, span: span, box: (x: 1, y: 2, width: 94, height: 18), range: valueRange(points))
        return "<svg class=\"spark\" viewBox=\"0 0 96 22\" width=\"96\" height=\"22\" aria-hidden=\"true\">"
            + "<path transform=\"scale(.1)\" d=\"\(path)\"/></svg>"
    }

    /// A full chart with its value axis (lowest, middle, highest) and its time axis in `zone`.
    static func chart(_ history: SeriesHistory, span: Span, zone: TimeZone, title: String) -> String {
        let (width, height) = (880.0, 260.0)
        let plot = (x: 72.0, y: 10.0, width: width - 84, height: height - 40)
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        let range = valueRange(history.points)
        for fraction in [0.0, 0.5, 1.0] {
            let y = plot.y + plot.height * (1 - fraction)
            let value = range.low + (range.high - range.low) * fraction
            svg +=
                "<line class=\"grid\" x1=\"\(Int(plot.x))\" y1=\"\(Int(y))\" x2=\"\(Int(plot.x + plot.width))\" y2=\"\(Int(y))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(Int(plot.x - 6))\" y=\"\(Int(y + 4))\" text-anchor=\"end\">\(HTML.escape(compact(value)))</text>"
        }
        for tick in timeTicks(span, zone: zone) {
            let x = plot.x + plot.width * tick.time.timeIntervalSince(span.start) / span.seconds
            svg +=
                "<line class=\"grid\" x1=\"\(Int(x))\" y1=\"\(Int(plot.y))\" x2=\"\(Int(x))\" y2=\"\(Int(plot.y + plot.height))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(Int(x))\" y=\"\(Int(height - 8))\" text-anchor=\"middle\">\(tick.label)</text>"
        }
        if !history.points.isEmpty {
            svg +=
                "<path class=\"series\" transform=\"scale(.1)\" d=\"\(line(history.points, span: span, box: plot, range: range))\"/>"
        }
        return svg + "</svg>"
    }

    /// The path through `points`, in tenths of the box's units (drawn with `scale(.1)`, so that every coordinate is
    /// an integer): a move at the first point and after each gap, a line otherwise; a lone point is a short dash.
    private static func line(
        _ points: [SeriesHistory.Point], span: Span, box: (x: Double, y: Double, width: Double, height: Double),
        range: (low: Double, high: Double)
    ) -> String {
        let start = span.start.timeIntervalSince1970
        let (xScale, gap) = (box.width * 10 / span.seconds, span.step * 1.5)
        let spread = range.high - range.low
        let yScale = spread > 0 ? box.height * 10 / spread : 0
        let (left, top, bottom) = (box.x * 10, box.y * 10, (box.y + box.height) * 10)
        var path: [UInt8] = []
        path.reserveCapacity(points.count * 10)
        var previous = -Double.infinity
        for index in points.indices {
            let time = points[index].time.timeIntervalSince1970
            let x = Int((left + (time - start) * xScale).rounded())
            let y = Int(
                (spread > 0 ? bottom - (points[index].value - range.low) * yScale : (top + bottom) / 2).rounded())
            let joined = time - previous <= gap
            path.append(joined ? UInt8(ascii: "L") : UInt8(ascii: "M"))
            append(x, to: &path)
            path.append(UInt8(ascii: " "))
            append(y, to: &path)
            let alone =
                !joined && (index + 1 == points.count || points[index + 1].time.timeIntervalSince1970 - time > gap)
            if alone { path.append(contentsOf: "h20".utf8) }
            previous = time
        }
        return String(decoding: path, as: UTF8.self)
    }

    /// Appends `value` in decimal digits (a page draws tens of thousands of coordinates).
    private static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, to: &bytes)
    }

    private static func appendDigits(_ value: UInt, to bytes: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The lowest and highest value. A flat series is drawn in the middle of a range from zero to twice its value
    /// (0 to 1 for zero), so that its axis reads as a scale rather than the same number three times.
    static func valueRange(_ points: [SeriesHistory.Point]) -> (low: Double, high: Double) {
        var low = Double.infinity
        var high = -Double.infinity
        for point in points where point.value.isFinite {
            low = min(low, point.value)
            high = max(high, point.value)
        }
        guard low.isFinite, high.isFinite else { return (0, 1) }
        guard low == high else { return (low, high) }
        return low == 0 ? (0, 1) : low > 0 ? (0, 2 * low) : (2 * low, 0)
    }

    /// The ticks of the time axis: round times of `zone`'s wall clock inside the span (every 1, 2, 5, 10, 15 or 30
    /// minutes, or 1, 2, 3, 6, 12 or 24 hours), as many as fit in eight, each with its `HH:MM`.
    static func timeTicks(_ span: Span, zone: TimeZone) -> [(time: Date, label: String)] {
        let minutes = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440]
        let every = Double(60 * (minutes.first { span.seconds / Double($0 * 60) <= 8 } ?? 1440))
        /// The first instant at or after `time` whose wall-clock time in `zone` is a multiple of `every`.
        func aligned(_ time: Double) -> Double {
            let local = time + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: time)))
            let remainder = local - (local / every).rounded(.down) * every
            return remainder == 0 ? time : time + every - remainder
        }
        var ticks: [(Date, String)] = []
        var tick = aligned(span.start.timeIntervalSince1970)
        while tick <= span.end.timeIntervalSince1970, ticks.count < 30 {
            let date = Date(timeIntervalSince1970: tick)
            let local = Int(tick) + zone.secondsFromGMT(for: date)
            let minuteOfDay = ((local % 86_400) + 86_400) % 86_400 / 60
            ticks.append((date, String(format: "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60)))
            tick = aligned(tick + every)
        }
        return ticks
    }

    /// A value in at most four significant digits, with k, M, G, T for large ones (as chart axes write them): 1.5M,
    /// 12.3k, 9337, 0.25.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return DevicePages.format(value) }
        let magnitude = abs(value)
        for (limit, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e4, "k")] where magnitude >= limit {
            return String(format: "%.3g", value / (limit == 1e4 ? 1e3 : limit)) + suffix
        }
        if magnitude == 0 { return "0" }
        return String(format: magnitude < 0.001 ? "%.2e" : "%.4g", value)
    }
}

/// Fits a text into one SMS: 160 characters of the GSM 7-bit alphabet, or 70 when the text needs another
/// character (then the whole message is sent as UCS-2), cut at a word with an ellipsis.
public enum SMSText {
    /// The most GSM 7-bit units in one SMS.
    public static let gsmLimit = 160
    /// The most UCS-2 units in one SMS.
    public static let ucs2Limit = 70

    /// `text` on one line, cut to one SMS: at the last space that leaves room for `...` (GSM) or `…` (UCS-2), or
    /// in the middle of a word too long for that.
    public static func fit(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        if line.unicodeScalars.allSatisfy(isGSM) {
            return cut(line, limit: gsmLimit, ellipsis: "...", units: gsmUnits)
        }
        return cut(line, limit: ucs2Limit, ellipsis: "…", units: { $0.utf16.count })
    }

    private static func cut(_ text: String, limit: Int, ellipsis: String, units: (Character) -> Int) -> String {
        guard text.reduce(0, { $0 + units($1) }) > limit else { return text }
        let room = limit - ellipsis.reduce(0) { $0 + units($1) }
        var kept = ""
        var used = 0
        var lastSpace: String.Index?
        for character in text {
            let size = units(character)
            guard used + size <= room else { break }
            if character == " " { lastSpace = kept.endIndex }
            kept.append(character)
            used += size
        }
        if let lastSpace, kept.distance(from: kept.startIndex, to: lastSpace) > room / 2 {
            kept = String(kept[..<lastSpace])
        }
        return kept + ellipsis
    }

    /// The GSM 03.38 basic alphabet and its extension table (whose characters take two units).
    private static let basic = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
            + "abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    private static let extended = Set("^{}\\[~]|€".unicodeScalars)

    private static func isGSM(_ scalar: Unicode.Scalar) -> Bool { basic.contains(scalar) || extended.contains(scalar) }

    private static func gsmUnits(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) }
    }
}

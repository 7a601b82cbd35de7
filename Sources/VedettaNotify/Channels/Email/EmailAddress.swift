/// Reads the address out of what people write in `From:` and `To:`.
enum EmailAddress {
    /// `vedetta@example.it` for `Vedetta <vedetta@example.it>` or `vedetta@example.it`; `nil` when there is no
    /// plausible address (one `@`, a dot in the domain, no spaces).
    static func bare(_ text: String) -> String? {
        var address = Substring(text)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            address = text[text.index(after: open)..<close]
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !address.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
        else { return nil }
        return String(address)
    }

    /// The domain of an address, for `Message-ID`s.
    static func domain(_ address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "vedetta.invalid"
    }
}

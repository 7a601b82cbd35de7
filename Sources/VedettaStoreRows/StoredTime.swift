import VedettaCore

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Converts between `Date` and the form both stores keep instants in: 64-bit milliseconds since 1970-01-01 UTC
/// (``VedettaCore/Milliseconds``), so that rows move between them unchanged.
public enum StoredTime {
    /// `date` as whole milliseconds since 1970, rounded to the nearest millisecond.
    public static func milliseconds(_ date: Date) -> Int64 {
        Milliseconds.of(date)
    }

    /// The date `milliseconds` after 1970.
    public static func date(_ milliseconds: Int64) -> Date {
        Milliseconds.date(milliseconds)
    }

    /// `date` rounded to the stored precision, so values handed back equal values read later.
    public static func rounded(_ date: Date) -> Date {
        self.date(milliseconds(date))
    }
}

import Foundation
import VedettaCore

/// Converts between `Date` and the stored form: `BIGINT` milliseconds since 1970-01-01 UTC (``Milliseconds``), as
/// in the SQLite store.
enum StoredTime {
    /// `date` as whole milliseconds since 1970, rounded to the nearest millisecond.
    static func milliseconds(_ date: Date) -> Int64 {
        Milliseconds.of(date)
    }

    /// The date `milliseconds` after 1970.
    static func date(_ milliseconds: Int64) -> Date {
        Milliseconds.date(milliseconds)
    }

    /// `date` rounded to the stored precision, so values handed back equal values read later.
    static func rounded(_ date: Date) -> Date {
        self.date(milliseconds(date))
    }
}

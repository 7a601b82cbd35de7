import Foundation
import Hummingbird

extension HTTPFields {
    /// The first value of the header called `name` (case-insensitively), if any.
    func value(named name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.canonicalName == wanted }?.value
    }

    /// The non-empty values of the cookie called `name` in the `Cookie` headers, in order.
    func cookies(named name: String) -> [String] {
        self[values: .cookie].flatMap { header in
            header.split(separator: ";").compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, parts[0] == name, !parts[1].isEmpty else { return nil }
                return parts[1]
            }
        }
    }
}

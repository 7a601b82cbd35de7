public import VedettaCore

/// The stable identity of an alert series, used to find "the open incident for this alert".
///
/// The fingerprint is the FNV-1a 64-bit hash of `rule\0name=value\0name=value…` (labels in name order, as
/// ``LabelSet`` keeps them), written as 16 lowercase hexadecimal digits. It depends only on the rule name and
/// the labels, never on the process, so it is the same after a restart or on another machine.
public enum IncidentFingerprint {
    /// Computes the fingerprint of the alert series `rule` + `labels`.
    ///
    /// - Parameters:
    ///   - rule: The alert rule name.
    ///   - labels: The alert series labels; their order does not matter.
    /// - Returns: 16 lowercase hexadecimal digits, e.g. `5f1c8a2e90b3d471`.
    public static func make(rule: String, labels: LabelSet) -> String {
        var hash = FNV1a64()
        hash.combine(rule)
        for label in labels {
            hash.combine(0)
            hash.combine(label.name)
            hash.combine(UInt8(ascii: "="))
            hash.combine(label.value)
        }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The 64-bit Fowler–Noll–Vo 1a hash over bytes: tiny, deterministic and well spread.
private struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func combine(_ text: String) {
        for byte in text.utf8 { combine(byte) }
    }
}

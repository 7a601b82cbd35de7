import SNMPKit
import VedettaCore

extension SNMPDiscovery {
    /// The proposed `devices:` entries for `devices`, as YAML ready to paste into `vedetta.yaml`, each with its
    /// `sysDescr` and `sysObjectID` as a comment.
    ///
    /// SNMPv3 passwords are not repeated: the entry has ``SNMPv3Security/placeholderPassword`` in their place, which
    /// `vedetta check` refuses until the real ones are filled in. A device that no profile matched gets
    /// `profiles: auto`, which `check` accepts and the agent resolves when it polls.
    /// - Parameters:
    ///   - devices: Devices from ``Report/devices``.
    ///   - settings: The settings they answered to (for the SNMPv3 user).
    /// - Returns: The YAML text, ending with a newline.
    public static func yaml(for devices: [Device], settings: Settings) -> String {
        let security = (try? SNMPQuery.targetSettings(settings.query))?.security
        var lines = ["devices:"]
        for device in devices {
            if let description = device.sysDescr.map(commentText), !description.isEmpty {
                lines.append("  # \(description)")
            }
            lines.append("  # sysObjectID: \(device.sysObjectID ?? "none")")
            lines.append("  - name: \(device.name)")
            lines.append("    snmp:")
            lines.append("      address: \(quotedIfNeeded(device.address))")
            lines.append("      version: \(device.version == "1" ? "\"1\"" : device.version)")
            if let community = device.community {
                lines.append("      community: \(quoted(community))")
            }
            if let security {
                lines.append("      username: \(quoted(security.userName))")
                lines.append("      security_level: \(security.level.rawValue)")
                if security.level != .noAuthNoPriv {
                    lines.append("      auth_protocol: \(security.authProtocol.rawValue)")
                    lines.append(
                        "      auth_password: \(SNMPv3Security.placeholderPassword)  # the authentication password")
                }
                if security.level == .authPriv {
                    lines.append("      priv_protocol: \(security.privacyProtocol.rawValue)")
                    lines.append("      priv_password: \(SNMPv3Security.placeholderPassword)  # the privacy password")
                }
                if !security.context.isEmpty { lines.append("      context: \(quoted(security.context))") }
            }
            if device.profiles.isEmpty {
                lines.append("      profiles: auto  # no profile in the profiles directory matches this device yet")
            } else {
                let profiles = device.profiles.joined(separator: ", ")
                lines.append("      profiles: [\(profiles)]  # selected by sysObjectID; or: profiles: auto")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A device name from `sysName`: lower-cased, with every run of characters other than letters, digits,
    /// `-`, `_` and `.` turned into `-`; `device-<address>` when nothing is left.
    static func proposedName(_ sysName: String?, address: HostPort) -> String {
        let name = sanitized(sysName ?? "")
        return name.isEmpty ? "device-" + sanitized(address.host) : name
    }

    static func uniqueName(_ name: String, taken: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while !taken.insert(candidate).inserted {
            candidate = "\(name)-\(number)"
            number += 1
        }
        return candidate
    }

    private static func sanitized(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            let kept =
                scalar.isASCII
                && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
            if kept {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result.append("-")
            }
        }
        while result.hasSuffix("-") || result.hasSuffix(".") { result.removeLast() }
        while result.hasPrefix(".") { result.removeFirst() }
        return result
    }

    /// One line of text for a comment: control characters become spaces, at most 120 characters.
    private static func commentText(_ text: String) -> String {
        let line = String(
            text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
        )
        .split(separator: " ").joined(separator: " ")
        return line.count > 120 ? String(line.prefix(117)) + "..." : line
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func quotedIfNeeded(_ text: String) -> String {
        text.hasPrefix("[") ? quoted(text) : text
    }
}

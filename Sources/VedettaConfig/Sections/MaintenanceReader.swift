import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaRules
import Yams

/// Reads one `maintenance/*.yaml` file: standing maintenance windows, each with a unique name.
///
/// ```yaml
/// windows:
///   - name: crm-db-nightly-backup
///     match: 'device="crm-db-01"'
///     start: 2026-01-05T01:00
///     duration: 1h30m
///     rrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
///     reason: Nightly backup of the CRM database (CHG-100)
/// ```
///
/// Every field is read by the same parsers as `vedetta maintenance add`, and every mistake is reported at its
/// value: a bad matcher at its character, an unknown time zone, an end before the start, a bad RRULE part.
struct MaintenanceReader {
    static let fileKeys = ["windows"]
    static let keys = ["name", "match", "start", "end", "duration", "time_zone", "rrule", "exdates", "reason"]

    /// How the windows' origin names the file (relative to the configuration's directory when inside it).
    let shownPath: String
    /// The zone of windows that name none.
    let defaultZone: TimeZone

    /// The windows of a file; invalid windows and later definitions of a name in `names` are reported and left out.
    func readFile(_ reader: NodeReader, names: inout DuplicateNames) -> [MaintenanceWindowDraft] {
        guard let mapping = reader.mapping(keys: Self.fileKeys), let items = mapping.required("windows")?.list() else {
            return []
        }
        return names.readUnique(items, key: "name", read)
    }

    private func read(_ reader: NodeReader) -> MaintenanceWindowDraft? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "window name")
        let scope = mapping.required("match").flatMap(readScope)
        var valid = true
        var zone = defaultZone
        if let zoneReader = mapping.optional("time_zone") {
            let read = readField(zoneReader) { text throws(MaintenanceError) in
                try MaintenanceFields.zone(text, default: defaultZone)
            }
            if let read { zone = read } else { valid = false }
        }
        let start = mapping.required("start").flatMap { reader in
            readField(reader) { text throws(MaintenanceError) in
                guard text.lowercased() != "now" else {
                    throw .invalid(
                        "start", "now is for vedetta maintenance add; a file needs a date such as 2026-12-05T22:00")
                }
                return try MaintenanceFields.localTime(text, field: "start")
            }
        }
        let length = readLength(mapping, at: reader)
        var rrule: String?
        if let rruleReader = mapping.optional("rrule") {
            rrule = rruleReader.string()
            valid = valid && rrule != nil
        }
        var exdates: [String] = []
        if let exdatesReader = mapping.optional("exdates") {
            if let list = exdatesReader.stringList() { exdates = list.map(\.value) } else { valid = false }
        }
        let reason = mapping.required("reason")?.nonEmptyString()
        guard valid, let name, let scope, let start, let length, let reason else { return nil }
        do {
            let definition = try MaintenanceFields.definition(
                scope: scope, start: start, zone: zone, length: length, rrule: rrule, exdates: exdates,
                reason: reason)
            return MaintenanceWindowDraft(
                definition: definition, createdBy: shownPath, name: name, origin: .configuration(file: shownPath))
        } catch {
            let at = error.field.flatMap { mapping.optional($0) } ?? reader
            at.report(error.message)
            return nil
        }
    }

    /// The scope, with a matcher mistake reported at its character.
    private func readScope(_ reader: NodeReader) -> MaintenanceScope? {
        guard let scalar = reader.scalar() else { return nil }
        do {
            return try MaintenanceScope(try LabelMatcher.parseList(scalar.string))
        } catch let error as RuleExpressionError {
            let location = ExpressionLocator(file: reader.file, scalar: scalar).location(ofOffset: error.offset)
            reader.report("invalid match: \(error.message)", at: location)
        } catch let error as MaintenanceError {
            reader.report(error.message)
        } catch {
            reader.report("invalid match: \(error)")
        }
        return nil
    }

    /// `end` or `duration`, exactly one.
    private func readLength(_ mapping: MappingReader, at reader: NodeReader) -> MaintenanceFields.Length? {
        let end = mapping.optional("end")
        let duration = mapping.optional("duration")
        do {
            return try MaintenanceFields.length(
                end: end?.string(), duration: duration?.string(), keeping: nil)
        } catch {
            let at = error.field.flatMap { mapping.optional($0) } ?? reader
            at.report(error.field == "duration" && duration == nil ? "give duration (e.g. 2h) or end" : error.message)
            return nil
        }
    }

    /// Reads a scalar field through `parse`, reporting its error at the value.
    private func readField<T>(_ reader: NodeReader, _ parse: (String) throws(MaintenanceError) -> T) -> T? {
        guard let text = reader.nonEmptyString() else { return nil }
        do {
            return try parse(text)
        } catch {
            reader.report(error.message)
            return nil
        }
    }
}

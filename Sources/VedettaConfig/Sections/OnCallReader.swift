import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaOnCall

/// Reads the files of `oncall_dir`: the people who take calls and the schedules they take them in.
///
/// ```yaml
/// people:
///   - name: marco
///     full_name: Marco Rossi
///     time_zone: Europe/Rome
///     language: it
///     email: marco.rossi@example.it
///     phone: "+393331234567"
/// schedules:
///   - name: noc
///     time_zone: Europe/Rome
///     layers:
///       - name: round-the-clock
///         start: 2026-01-05T08:00
///         shift: weekly
///         participants: [marco, giulia, luca]
/// ```
///
/// People may be defined in any of the files, schedules in any other: all the people are read first, so a
/// participant who is nobody is reported at its name wherever the schedule is.
struct OnCallReader {
    static let fileKeys = ["people", "schedules"]
    static let personKeys = ["name", "full_name", "time_zone", "language", "email", "phone", "chat"]
    static let scheduleKeys = ["name", "description", "time_zone", "layers"]
    static let layerKeys = ["name", "start", "end", "shift", "participants", "restrictions"]
    static let restrictionKeys = ["days", "from", "to"]

    /// The zone of people and schedules that name none.
    let defaultZone: TimeZone

    /// The people of one file (its root mapping); duplicates (across files) are reported and left out.
    func readPeople(_ file: MappingReader, names: inout DuplicateNames) -> [Person] {
        guard let items = file.optional("people")?.list() else { return [] }
        return names.readUnique(items, key: "name", readPerson)
    }

    /// The schedules of one file (its root mapping), whose participants must be among `people`.
    func readSchedules(_ file: MappingReader, people: Set<String>, names: inout DuplicateNames) -> [OnCallSchedule] {
        guard let items = file.optional("schedules")?.list() else { return [] }
        return names.readUnique(items, key: "name") { readSchedule($0, people: people) }
    }

    private func readPerson(_ reader: NodeReader) -> Person? {
        guard let mapping = reader.mapping(keys: Self.personKeys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "person name")
        let fullName = mapping.optional("full_name").map { $0.nonEmptyString() }
        let zone = readZone(mapping)
        let language = mapping.optional("language").map { $0.choice("language", of: Person.Language.self) }
        let email = mapping.optional("email").map { readContact($0, ContactMethods.isEmail, "an e-mail address") }
        let phone = mapping.optional("phone").map {
            readContact($0, ContactMethods.isPhone, "a phone number in international form, e.g. \"+393331234567\"")
        }
        let chat = mapping.optional("chat").map { $0.nonEmptyString() }
        guard let name, let zone, fullName != .some(nil), language != .some(nil), email != .some(nil),
            phone != .some(nil), chat != .some(nil)
        else { return nil }
        return Person(
            name: name, fullName: fullName ?? nil, zone: zone, language: (language ?? nil) ?? .it,
            contacts: ContactMethods(email: email ?? nil, phone: phone ?? nil, chat: chat ?? nil))
    }

    private func readSchedule(_ reader: NodeReader, people: Set<String>) -> OnCallSchedule? {
        guard let mapping = reader.mapping(keys: Self.scheduleKeys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "schedule name")
        let description = mapping.optional("description").map { $0.string() }
        let zone = readZone(mapping)
        var layerNames = DuplicateNames(kind: "layer", note: "layer names are unique within a schedule")
        var layers: [RotationLayer]?
        if let layersReader = mapping.required("layers"), let items = layersReader.list() {
            if items.isEmpty { layersReader.report("a schedule needs at least one layer") }
            let read = layerNames.readUnique(items, key: "name") { readLayer($0, people: people) }
            layers = read.count == items.count && !items.isEmpty ? read : nil
        }
        guard let name, let zone, let layers, description != .some(nil) else { return nil }
        return OnCallSchedule(name: name, description: (description ?? nil) ?? "", zone: zone, layers: layers)
    }

    private func readLayer(_ reader: NodeReader, people: Set<String>) -> RotationLayer? {
        guard let mapping = reader.mapping(keys: Self.layerKeys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "layer name")
        let start = mapping.required("start").flatMap(readLocalTime)
        var end: LocalDateTime??
        if let endReader = mapping.optional("end") {
            end = .some(readLocalTime(endReader))
            if let start, let given = end ?? nil, given <= start {
                endReader.report("the layer's end must come after its start")
                end = .some(nil)
            }
        }
        let length = mapping.required("shift").flatMap { reader -> ShiftLength? in
            guard let text = reader.nonEmptyString() else { return nil }
            guard let length = ShiftLength.parse(text) else {
                reader.report("invalid shift \"\(text)\"; use daily, weekly, or e.g. 12h, 2d, 2w (at most 8 weeks)")
                return nil
            }
            return length
        }
        let participants = mapping.required("participants").flatMap { readParticipants($0, people: people) }
        var restrictions: [TimeRestriction]? = []
        if let items = mapping.optional("restrictions")?.list() {
            let read = items.compactMap(readRestriction)
            restrictions = read.count == items.count ? read : nil
        }
        guard let name, let start, end != .some(nil), let length, let participants, let restrictions else {
            return nil
        }
        return RotationLayer(
            name: name, start: start, end: end ?? nil, length: length, participants: participants,
            restrictions: restrictions)
    }

    private func readParticipants(_ reader: NodeReader, people: Set<String>) -> [String]? {
        guard let items = reader.stringList() else { return nil }
        guard !items.isEmpty else {
            reader.report("a layer needs at least one participant")
            return nil
        }
        var valid = true
        for (name, item) in items where !people.contains(name) {
            item.report("\"\(name)\" is not a person under people: in the oncall files")
            valid = false
        }
        return valid ? items.map(\.value) : nil
    }

    private func readRestriction(_ reader: NodeReader) -> TimeRestriction? {
        guard let mapping = reader.mapping(keys: Self.restrictionKeys) else { return nil }
        let days = mapping.required("days").flatMap(readDays)
        let from = mapping.required("from").flatMap(readClock)
        let to = mapping.required("to").flatMap(readClock)
        guard let days, let from, let to else { return nil }
        return TimeRestriction(days: days, fromMinute: from, toMinute: to)
    }

    /// A day or range of days (`mon-fri`, or Italian `lun-ven`), or a list of them (`[mon-fri, sun]`).
    private func readDays(_ reader: NodeReader) -> Set<Weekday>? {
        guard let items = reader.stringOrList() else { return nil }
        guard !items.isEmpty else {
            reader.report("days needs at least one day, e.g. mon-fri")
            return nil
        }
        var days: Set<Weekday> = []
        var valid = true
        for (text, item) in items {
            if let named = WeekdayNames.parse(text) {
                days.formUnion(named)
            } else {
                item.report(
                    "unknown days \"\(text)\"; use a day or a range of days such as mon, sat, mon-fri (or lun-ven)")
                valid = false
            }
        }
        return valid ? days : nil
    }

    private func readClock(_ reader: NodeReader) -> Int? {
        guard let text = reader.nonEmptyString() else { return nil }
        guard let minute = TimeRestriction.minute(of: text) else {
            reader.report("invalid time of day \"\(text)\"; use HH:MM, e.g. \"08:00\" (quoted)")
            return nil
        }
        return minute
    }

    private func readLocalTime(_ reader: NodeReader) -> LocalDateTime? {
        guard let text = reader.nonEmptyString() else { return nil }
        guard let time = LocalDateTime.parse(text) else {
            reader.report("invalid date and time \"\(text)\"; use e.g. 2026-01-05T08:00 (on the schedule's clock)")
            return nil
        }
        return time
    }

    private func readZone(_ mapping: MappingReader) -> TimeZone? {
        guard let reader = mapping.optional("time_zone") else { return defaultZone }
        guard let text = reader.nonEmptyString() else { return nil }
        guard let zone = TimeZone(identifier: text) else {
            reader.report("unknown time zone \"\(text)\"; use an IANA name such as Europe/Rome or UTC")
            return nil
        }
        return zone
    }

    private func readContact(_ reader: NodeReader, _ isValid: (String) -> Bool, _ what: String) -> String? {
        guard let text = reader.nonEmptyString() else { return nil }
        guard isValid(text) else {
            // The value is personal data: the message names the key, not the value.
            reader.report("\(reader.displayPath) is not \(what)")
            return nil
        }
        return text
    }
}

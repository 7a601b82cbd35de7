import VedettaCore

// Samples as the SNMP probe makes them for inventory objects, shared by the inventory tests.

/// An info object: value 1, its text the label named after it.
func info(_ name: String, _ text: String, _ labels: [String: String] = [:]) -> Sample {
    Sample(name: name, labels: LabelSet(labels.merging([name: text, "device": "d"]) { $1 }), value: 1, kind: .gauge)
}

/// A numeric column of ENTITY-MIB's physical table (class, container) for entity `index`.
func entity(_ index: String, _ name: String, _ value: Double) -> Sample {
    Sample(name: name, labels: ["entPhysicalIndex": index, "device": "d"], value: value, kind: .gauge)
}

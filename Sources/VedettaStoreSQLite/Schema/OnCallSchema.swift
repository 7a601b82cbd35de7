/// The on-call tables (migration `v6`): substitutions, kept after removal for their audit trail.
enum OnCallSchema {
    static let version6 = """
        CREATE TABLE oncall_substitution (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            schedule TEXT NOT NULL,
            substitute TEXT NOT NULL,
            covers TEXT,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            deleted_at INTEGER
        );
        CREATE INDEX oncall_substitution_live ON oncall_substitution(schedule, ends_at) WHERE deleted_at IS NULL;

        CREATE TABLE oncall_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            substitution_id INTEGER NOT NULL REFERENCES oncall_substitution(id),
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            by TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX oncall_audit_substitution ON oncall_audit(substitution_id, id);
        """
}

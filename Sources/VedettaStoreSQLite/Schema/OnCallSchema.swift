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

    /// Escalations (migration `v7`): each incident's durable escalation timer, and pages addressed to a person.
    ///
    /// An outbox entry now names its `recipient` (a person of `oncall_dir`, `''` for the channel's own
    /// addressees) and the escalation `step` that paged (from 1; 0 outside escalations); a chain (delivered in
    /// order) is one incident, channel and recipient. `withdrawn` marks the pages an acknowledgement withdrew before any channel
    /// took them (they are also abandoned, and their person is not told of the restoration).
    static let version7 = """
        ALTER TABLE outbox ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
        ALTER TABLE outbox ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN fallback_channel TEXT;
        ALTER TABLE outbox ADD COLUMN fallback_after INTEGER;
        DROP INDEX outbox_once;
        -- At most one notification per incident, channel, person, event and step: no duplicate page.
        CREATE UNIQUE INDEX outbox_once ON outbox(incident_id, channel, recipient, event, step);

        CREATE TABLE escalation (
            incident_id INTEGER PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,
            policy TEXT NOT NULL,
            next_step INTEGER NOT NULL,
            next_at INTEGER,
            started_at INTEGER NOT NULL,
            stopped_at INTEGER,
            stop_reason TEXT
        );
        CREATE INDEX escalation_due ON escalation(next_at) WHERE next_at IS NOT NULL;
        ALTER TABLE escalation ADD COLUMN group_key TEXT;
        CREATE INDEX escalation_group ON escalation(policy, group_key) WHERE group_key IS NOT NULL;

        -- The incidents that page as one group: the escalation of group_id (its first incident) pages for all.
        CREATE TABLE escalation_member (
            group_id INTEGER NOT NULL REFERENCES escalation(incident_id) ON DELETE CASCADE,
            incident_id INTEGER NOT NULL UNIQUE REFERENCES incident(id) ON DELETE CASCADE,
            joined_at INTEGER NOT NULL
        );
        CREATE INDEX escalation_member_group ON escalation_member(group_id);
        """
}

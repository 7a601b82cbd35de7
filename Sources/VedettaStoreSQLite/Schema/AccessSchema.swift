/// Users, API tokens, sessions and the audit log (migration `v8`).
///
/// Secrets are never stored: a password as its scrypt hash, a token or a session as the SHA-256 of its secret.
/// A user is never deleted (disabled instead), so the audit log always names someone who existed.
enum AccessSchema {
    static let version8 = """
        CREATE TABLE access_user (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
            password_hash TEXT,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            password_changed_at INTEGER
        );

        CREATE TABLE access_token (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user TEXT NOT NULL REFERENCES access_user(name),
            label TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            last_used_at INTEGER,
            revoked_at INTEGER
        );
        CREATE INDEX access_token_user ON access_token(user);

        CREATE TABLE access_session (
            secret_hash TEXT NOT NULL PRIMARY KEY,
            user TEXT NOT NULL REFERENCES access_user(name),
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        );
        CREATE INDEX access_session_user ON access_session(user);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            via TEXT NOT NULL,
            address TEXT NOT NULL,
            action TEXT NOT NULL,
            status INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_log_actor ON audit_log(actor, id);
        CREATE INDEX audit_log_at ON audit_log(at);
        """
}

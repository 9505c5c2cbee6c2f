//! Schema migrations, applied in order at start. `PRAGMA user_version`
//! records how many ran, so a restart applies only the new ones. Append new
//! migrations; never edit a released one.

use r2d2_sqlite::rusqlite::{Connection, Result};

const MIGRATIONS: &[&str] = &[
    // 1: the whole first schema.
    r#"
    CREATE TABLE users (
        user_id       TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        first_name    TEXT NOT NULL,
        last_name     TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL
    );
    CREATE TABLE organizations (
        organization_id TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        created_at      TEXT NOT NULL
    );
    CREATE TABLE memberships (
        user_id         TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        organization_id TEXT NOT NULL REFERENCES organizations(organization_id) ON DELETE CASCADE,
        role            TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
        PRIMARY KEY (user_id, organization_id)
    );
    -- Like Hook0's session table: one row per live access/refresh pair.
    -- Refresh replaces the row (same session_id), logout deletes them all.
    CREATE TABLE user_sessions (
        row_id                INTEGER PRIMARY KEY,
        session_id            TEXT NOT NULL,
        user_id               TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        access_revocation_id  BLOB NOT NULL UNIQUE,
        refresh_revocation_id BLOB NOT NULL UNIQUE,
        access_expires_at     TEXT NOT NULL,
        refresh_expires_at    TEXT NOT NULL,
        created_at            TEXT NOT NULL
    );
    CREATE INDEX user_sessions_by_session ON user_sessions(session_id);
    CREATE TABLE applications (
        application_id  TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(organization_id),
        name            TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        deleted_at      TEXT
    );
    CREATE INDEX applications_by_organization ON applications(organization_id, created_at);
    -- Root tokens only: attenuated tokens are never seen until used, and
    -- share their root's block-0 revocation id.
    CREATE TABLE service_tokens (
        token_id        TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(organization_id),
        name            TEXT NOT NULL,
        biscuit         TEXT NOT NULL,
        revocation_id   BLOB NOT NULL UNIQUE,
        created_at      TEXT NOT NULL,
        expired_at      TEXT
    );
    CREATE INDEX service_tokens_by_organization ON service_tokens(organization_id, created_at);
    CREATE TABLE event_types (
        application_id     TEXT NOT NULL REFERENCES applications(application_id),
        event_type_name    TEXT NOT NULL,
        service_name       TEXT NOT NULL,
        resource_type_name TEXT NOT NULL,
        verb_name          TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        PRIMARY KEY (application_id, event_type_name)
    );
    CREATE TABLE events (
        event_id             TEXT PRIMARY KEY,
        application_id       TEXT NOT NULL REFERENCES applications(application_id),
        event_type_name      TEXT NOT NULL,
        payload              TEXT NOT NULL,
        payload_content_type TEXT NOT NULL,
        ip                   TEXT NOT NULL,
        metadata             TEXT,
        labels               TEXT NOT NULL,
        occurred_at          TEXT NOT NULL,
        received_at          TEXT NOT NULL,
        FOREIGN KEY (application_id, event_type_name) REFERENCES event_types(application_id, event_type_name)
    );
    CREATE INDEX events_by_application ON events(application_id, received_at);
    "#,
    // 2: one row per session token, like Hook0's iam.token: refresh retires
    // only the refresh token it consumed (the access token lives on until
    // its 5 minutes are up), and a used refresh token is no longer live
    // (403 AuthInvalidBiscuit on reuse, as in Hook0). Sessions are
    // short-lived, so dropping the old table only logs people out.
    r#"
    DROP TABLE user_sessions;
    CREATE TABLE session_tokens (
        revocation_id BLOB PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('user_access', 'refresh')),
        session_id    TEXT NOT NULL,
        user_id       TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        expires_at    TEXT NOT NULL,
        created_at    TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX session_tokens_by_session ON session_tokens(session_id);
    "#,
];

/// Applies every migration not yet applied, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let applied: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let applied = usize::try_from(applied).unwrap_or(0);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA takes no parameters; the value is a loop counter, not input.
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
    }
}

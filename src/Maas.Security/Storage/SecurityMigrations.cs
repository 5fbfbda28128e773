using Maas.Registry.Metadata;

namespace Maas.Security.Storage;

/// <summary>
/// The security schema as ordered steps. Never edit a step that has shipped — databases have recorded it as
/// applied; append a new one instead.
/// </summary>
internal static class SecurityMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "api keys, usage and audit log", """
            CREATE TABLE api_keys (
                id                  TEXT    PRIMARY KEY,
                name                TEXT    NOT NULL,
                prefix              TEXT    NOT NULL,
                hash                BLOB    NOT NULL UNIQUE,
                scopes              TEXT    NOT NULL,
                model_patterns      TEXT    NOT NULL,
                created             TEXT    NOT NULL,
                expires             TEXT,
                revoked             TEXT,
                last_used           TEXT,
                requests_per_minute INTEGER,
                tokens_per_minute   INTEGER,
                concurrent_requests INTEGER,
                requests_per_day    INTEGER,
                tokens_per_day      INTEGER
            );

            CREATE TABLE usage (
                key_id        TEXT    NOT NULL,
                model         TEXT    NOT NULL,
                day           TEXT    NOT NULL,
                requests      INTEGER NOT NULL,
                input_tokens  INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                images        INTEGER NOT NULL,
                compute_ms    INTEGER NOT NULL,
                PRIMARY KEY (key_id, model, day)
            ) WITHOUT ROWID;

            CREATE INDEX ix_usage_day ON usage (day);

            CREATE TABLE audit_log (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                at           TEXT    NOT NULL,
                actor_key_id TEXT    NOT NULL,
                action       TEXT    NOT NULL,
                target       TEXT    NOT NULL,
                detail       TEXT
            );

            CREATE INDEX ix_audit_log_action ON audit_log (action, id);
            """),
    ];
}

namespace Maas.Registry.Metadata;

/// <summary>
/// The schema, as the ordered list of steps that build it. Never edit a step that has shipped: append a new one,
/// because existing databases have already recorded the old step as applied.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "models, versions and aliases", """
            CREATE TABLE models (
                id           INTEGER PRIMARY KEY,
                name         TEXT    NOT NULL UNIQUE,
                created      TEXT    NOT NULL,
                next_version INTEGER NOT NULL
            );

            CREATE TABLE model_versions (
                id             INTEGER PRIMARY KEY,
                model_id       INTEGER NOT NULL REFERENCES models (id),
                version        INTEGER NOT NULL,
                sha256         TEXT    NOT NULL,
                size           INTEGER NOT NULL,
                format         TEXT    NOT NULL,
                task           TEXT    NOT NULL,
                model_file     TEXT    NOT NULL,
                signature_json TEXT    NOT NULL,
                created        TEXT    NOT NULL,
                UNIQUE (model_id, version)
            );

            CREATE INDEX ix_model_versions_sha256 ON model_versions (sha256);

            CREATE TABLE aliases (
                model_id INTEGER NOT NULL REFERENCES models (id),
                alias    TEXT    NOT NULL,
                version  INTEGER NOT NULL,
                UNIQUE (model_id, alias),
                FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
            );
            """),

        // The folder's manifest, read once at push; versions pushed before this step keep NULL and read it at load.
        new(2, "model manifest per version", """
            ALTER TABLE model_versions ADD COLUMN manifest_json TEXT NULL;
            """),

        new(3, "idempotency keys of pushes", """
            CREATE TABLE idempotency_keys (
                model_name  TEXT    NOT NULL,
                caller      TEXT    NOT NULL,
                key         TEXT    NOT NULL,
                fingerprint TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                sha256      TEXT    NOT NULL,
                created     TEXT    NOT NULL,
                PRIMARY KEY (model_name, caller, key)
            ) WITHOUT ROWID;

            CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created);
            """),
    ];
}

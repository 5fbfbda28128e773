using Maas.Errors;
using Maas.Models;
using Maas.Storage;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Metadata;

/// <summary>
/// The registry in one SQLite file, <c>&lt;data&gt;/maas.db</c>. Every write is one <c>BEGIN IMMEDIATE</c>
/// transaction, so concurrent writers queue on the database lock instead of racing on read-then-write.
/// </summary>
internal sealed class SqliteModelRegistry : IModelRegistry
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteModelRegistry(string dataDirectory, TimeProvider time)
    {
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        _database = new SqliteDatabase(Path.Combine(root, "maas.db"));
        _time = time;
    }

    public string DatabasePath => _database.Path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await MigrationRunner.ApplyAsync(connection, "schema_migrations", SchemaMigrations.All, _time, cancellationToken);
    }

    public async Task<ModelVersionRecord> AddVersionAsync(NewModelVersion version, CancellationToken cancellationToken) =>
        (await CommitVersionAsync(version, claim: null, cancellationToken)).Version;

    public Task<PublishedVersion> AddVersionOnceAsync(NewModelVersion version, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return CommitVersionAsync(version, claim, cancellationToken);
    }

    public async Task<ModelVersionRecord?> FindClaimedVersionAsync(string name, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);
        return await IdempotencyKeys.FindAsync(connection, transaction, name, claim, _time.GetUtcNow(), cancellationToken);
    }

    private async Task<PublishedVersion> CommitVersionAsync(NewModelVersion version, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        EnsureValidName(version.Name);
        if (version.Alias is not null)
        {
            EnsureSettableAlias(version.Alias);
        }

        var created = _time.GetUtcNow();
        var createdText = StoredValues.FormatTimestamp(created);
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);

        // Checked under the write lock, so of two concurrent pushes with one key exactly one inserts.
        if (claim is not null && await IdempotencyKeys.FindAsync(connection, transaction, version.Name, claim, created, cancellationToken) is { } earlier)
        {
            return new PublishedVersion(earlier, Replayed: true);
        }

        // One statement creates the model or bumps its counter, and hands back the number this version takes.
        using var reserve = Command(connection, transaction, """
            INSERT INTO models (name, created, next_version) VALUES ($name, $created, 2)
            ON CONFLICT (name) DO UPDATE SET next_version = next_version + 1
            RETURNING id, next_version - 1;
            """);
        reserve.Parameters.AddWithValue("$name", version.Name);
        reserve.Parameters.AddWithValue("$created", createdText);
        long modelId;
        int number;
        await using (var reader = await reserve.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            modelId = reader.GetInt64(0);
            number = reader.GetInt32(1);
        }

        using var insert = Command(connection, transaction, """
            INSERT INTO model_versions (model_id, version, sha256, size, format, task, model_file, signature_json, created, manifest_json)
            VALUES ($model, $version, $sha256, $size, $format, $task, $modelFile, $signature, $created, $manifest);
            """);
        insert.Parameters.AddWithValue("$model", modelId);
        insert.Parameters.AddWithValue("$version", number);
        insert.Parameters.AddWithValue("$sha256", version.Blob.Sha256);
        insert.Parameters.AddWithValue("$size", version.Blob.Size);
        insert.Parameters.AddWithValue("$format", StoredValues.FormatArtifactFormat(version.Format));
        insert.Parameters.AddWithValue("$task", version.Task);
        insert.Parameters.AddWithValue("$modelFile", version.ModelFile);
        insert.Parameters.AddWithValue("$signature", SignatureJson.Serialize(version.Signature));
        insert.Parameters.AddWithValue("$created", createdText);
        insert.Parameters.AddWithValue("$manifest", version.Manifest is { } manifest ? ModelManifestJson.Serialize(manifest) : DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);

        if (version.Alias is not null)
        {
            await UpsertAliasAsync(connection, transaction, modelId, version.Alias, number, cancellationToken);
        }

        var record = new ModelVersionRecord(
            version.Name, number, version.Blob.Sha256, version.Blob.Size, version.Format,
            StoredValues.ParseTimestamp(createdText), version.Task, version.ModelFile, version.Signature,
            version.Alias is null ? [] : [version.Alias])
        {
            Manifest = version.Manifest,
        };
        if (claim is not null)
        {
            await IdempotencyKeys.RecordAsync(connection, transaction, record, claim, created, cancellationToken);
        }

        transaction.Commit();
        return new PublishedVersion(record, Replayed: false);
    }

    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);
        return await ModelReader.ReadAsync(connection, transaction, name: null, cancellationToken);
    }

    public async Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);
        var models = await ModelReader.ReadAsync(connection, transaction, name, cancellationToken);
        return models.Count == 0 ? null : models[0];
    }

    public async Task<ModelVersionRecord?> GetVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        var model = await GetModelAsync(name, cancellationToken);
        return model?.Versions.FirstOrDefault(v => v.Version == version);
    }

    public async Task SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken)
    {
        EnsureSettableAlias(alias);
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var model = await FindModelAsync(connection, transaction, name, cancellationToken);
        if (model.Versions.All(v => v.Version != version))
        {
            throw MaasException.NotFound($"model '{name}' has no version {version}");
        }

        await UpsertAliasAsync(connection, transaction, await ModelIdAsync(connection, transaction, name, cancellationToken), alias, version, cancellationToken);
        transaction.Commit();
    }

    public async Task<bool> DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var command = Command(connection, null, """
            DELETE FROM aliases WHERE alias = $alias AND model_id = (SELECT id FROM models WHERE name = $name);
            """);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$alias", alias);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<ModelVersionRecord> DeleteVersionAsync(string name, int version, bool force, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var model = await FindModelAsync(connection, transaction, name, cancellationToken);
        var record = model.Versions.FirstOrDefault(v => v.Version == version)
            ?? throw MaasException.NotFound($"model '{name}' has no version {version}");
        if (record.Aliases.Count > 0 && !force)
        {
            throw MaasException.Conflict(
                $"version {version} of model '{name}' is in use by alias {string.Join(", ", record.Aliases)}; " +
                "move or delete the alias first, or force the delete");
        }

        var modelId = await ModelIdAsync(connection, transaction, name, cancellationToken);
        using (var delete = Command(connection, transaction, """
            DELETE FROM aliases WHERE model_id = $model AND version = $version;
            DELETE FROM model_versions WHERE model_id = $model AND version = $version;
            """))
        {
            delete.Parameters.AddWithValue("$model", modelId);
            delete.Parameters.AddWithValue("$version", version);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (model.Versions.Count == 1)
        {
            await DeleteModelRowAsync(connection, transaction, modelId, cancellationToken);
        }

        transaction.Commit();
        return record;
    }

    public async Task<IReadOnlyList<ModelVersionRecord>> DeleteModelAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var model = await FindModelAsync(connection, transaction, name, cancellationToken);
        var modelId = await ModelIdAsync(connection, transaction, name, cancellationToken);
        await DeleteModelRowAsync(connection, transaction, modelId, cancellationToken);
        transaction.Commit();
        return model.Versions;
    }

    public async Task<IReadOnlySet<string>> ListReferencedBlobsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var command = Command(connection, null, "SELECT DISTINCT sha256 FROM model_versions;");
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            referenced.Add(reader.GetString(0));
        }

        return referenced;
    }

    private static async Task<ModelRecord> FindModelAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var models = await ModelReader.ReadAsync(connection, transaction, name, cancellationToken);
        return models.Count > 0 ? models[0] : throw MaasException.NotFound($"model '{name}' not found");
    }

    private static async Task<long> ModelIdAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT id FROM models WHERE name = $name;");
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id
            ? id
            : throw MaasException.NotFound($"model '{name}' not found");
    }

    private static async Task UpsertAliasAsync(
        SqliteConnection connection, SqliteTransaction transaction, long modelId, string alias, int version, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO aliases (model_id, alias, version) VALUES ($model, $alias, $version)
            ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version;
            """);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$alias", alias);
        command.Parameters.AddWithValue("$version", version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DeleteModelRowAsync(
        SqliteConnection connection, SqliteTransaction transaction, long modelId, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            DELETE FROM aliases WHERE model_id = $model;
            DELETE FROM model_versions WHERE model_id = $model;
            DELETE FROM models WHERE id = $model;
            """);
        command.Parameters.AddWithValue("$model", modelId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void EnsureValidName(string name)
    {
        if (!ModelNames.IsValid(name))
        {
            throw MaasException.InvalidInput($"model name '{name}' is not valid; expected {ModelNames.Pattern}");
        }
    }

    private static void EnsureSettableAlias(string alias)
    {
        if (alias == ModelNames.Latest)
        {
            throw MaasException.InvalidInput($"alias '{ModelNames.Latest}' always means the highest version and cannot be set");
        }

        if (!ModelNames.IsValid(alias))
        {
            throw MaasException.InvalidInput($"alias '{alias}' is not valid; expected {ModelNames.Pattern}");
        }
    }
}

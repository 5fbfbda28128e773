using Maas.Errors;
using Maas.Storage;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Metadata;

/// <summary>
/// The <c>idempotency_keys</c> table: which version a push key created. Rows older than
/// <see cref="IdempotencyClaim.Retention"/> are ignored and pruned by the next recorded push.
/// </summary>
internal static class IdempotencyKeys
{
    /// <summary>The version the key created, or null when the key is new (or forgotten); throws Conflict on a mismatch.</summary>
    public static async Task<ModelVersionRecord?> FindAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, IdempotencyClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT fingerprint, version, sha256 FROM idempotency_keys
            WHERE model_name = $name AND caller = $caller AND key = $key AND created >= $cutoff;
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$caller", claim.Caller);
        command.Parameters.AddWithValue("$key", claim.Key);
        command.Parameters.AddWithValue("$cutoff", StoredValues.FormatTimestamp(now - IdempotencyClaim.Retention));
        string fingerprint;
        int number;
        string sha256;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            fingerprint = reader.GetString(0);
            number = reader.GetInt32(1);
            sha256 = reader.GetString(2);
        }

        if (!string.Equals(fingerprint, claim.Fingerprint, StringComparison.Ordinal))
        {
            throw MaasException.Conflict(
                $"idempotency key '{claim.Key}' was already used for a different push to model '{name}' (version {number}): " +
                "the artifact or the alias differs; send a new key for a new push");
        }

        var models = await ModelReader.ReadAsync(connection, transaction, name, cancellationToken);
        var version = models.Count == 0 ? null : models[0].Versions.FirstOrDefault(v => v.Version == number);

        // The sha check catches a model deleted and pushed again, where the number now names someone else's upload.
        return version is not null && version.Sha256 == sha256
            ? version
            : throw MaasException.Conflict(
                $"idempotency key '{claim.Key}' created version {number} of model '{name}', which has been deleted since; " +
                "send a new key to push again");
    }

    /// <summary>Remembers the claim for the version just inserted, and forgets expired claims of every model.</summary>
    public static async Task RecordAsync(
        SqliteConnection connection, SqliteTransaction transaction, ModelVersionRecord version, IdempotencyClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM idempotency_keys WHERE created < $cutoff;
            INSERT OR REPLACE INTO idempotency_keys (model_name, caller, key, fingerprint, version, sha256, created)
            VALUES ($name, $caller, $key, $fingerprint, $version, $sha256, $created);
            """;
        command.Parameters.AddWithValue("$cutoff", StoredValues.FormatTimestamp(now - IdempotencyClaim.Retention));
        command.Parameters.AddWithValue("$name", version.Name);
        command.Parameters.AddWithValue("$caller", claim.Caller);
        command.Parameters.AddWithValue("$key", claim.Key);
        command.Parameters.AddWithValue("$fingerprint", claim.Fingerprint);
        command.Parameters.AddWithValue("$version", version.Version);
        command.Parameters.AddWithValue("$sha256", version.Sha256);
        command.Parameters.AddWithValue("$created", StoredValues.FormatTimestamp(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

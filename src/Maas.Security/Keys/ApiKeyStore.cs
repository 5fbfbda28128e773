using Maas.Security.Limits;
using Maas.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Maas.Security.Keys;

/// <summary>The <c>api_keys</c> table. Rows hold the keyed hash, never the secret; lookups go through its unique index.</summary>
internal sealed class ApiKeyStore(SecurityDatabase database)
{
    private const string Columns = """
        id, name, prefix, scopes, model_patterns, created, expires, revoked, last_used,
        requests_per_minute, tokens_per_minute, concurrent_requests, requests_per_day, tokens_per_day, hash
        """;

    private const int HashColumn = 14;

    public async Task InsertAsync(KeyInfo key, byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, key, hash, cancellationToken);
    }

    public async Task<(KeyInfo Key, byte[] Hash)?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindByHashAsync(connection, null, hash, cancellationToken);
    }

    public async Task<KeyInfo?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created, id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<KeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Marks the key revoked (keeping the first revocation time); null when no such key.</summary>
    public async Task<KeyInfo?> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE api_keys SET revoked = COALESCE(revoked, $at) WHERE id = $id RETURNING {Columns};";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", StoredText.FormatTimestamp(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Finds the key with this hash, adding the admin scope if it lacks it, or inserts <paramref name="candidate"/>;
    /// one IMMEDIATE transaction, so two nodes starting together create one key.
    /// </summary>
    public async Task<KeyInfo> EnsureAdminAsync(KeyInfo candidate, byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var found = await FindByHashAsync(connection, transaction, hash, cancellationToken);
        KeyInfo result;
        if (found is null)
        {
            await InsertAsync(connection, transaction, candidate, hash, cancellationToken);
            result = candidate;
        }
        else if (!found.Value.Key.Scopes.Contains(Scope.Admin))
        {
            result = found.Value.Key with { Scopes = [.. found.Value.Key.Scopes.Append(Scope.Admin).Distinct().Order()] };
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE api_keys SET scopes = $scopes WHERE id = $id;";
            update.Parameters.AddWithValue("$scopes", ScopeText.Format(result.Scopes));
            update.Parameters.AddWithValue("$id", result.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            result = found.Value.Key;
        }

        transaction.Commit();
        return result;
    }

    /// <summary>Persists last-used times gathered in memory; never moves a time backwards.</summary>
    public async Task TouchAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken cancellationToken)
    {
        if (lastUsed.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE api_keys SET last_used = $at WHERE id = $id AND (last_used IS NULL OR last_used < $at);";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        foreach (var (keyId, time) in lastUsed)
        {
            id.Value = keyId;
            at.Value = StoredText.FormatTimestamp(time);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
    }

    private static async Task InsertAsync(
        SqliteConnection connection, SqliteTransaction? transaction, KeyInfo key, byte[] hash, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO api_keys (id, name, prefix, hash, scopes, model_patterns, created, expires, revoked, last_used,
                                  requests_per_minute, tokens_per_minute, concurrent_requests, requests_per_day, tokens_per_day)
            VALUES ($id, $name, $prefix, $hash, $scopes, $patterns, $created, $expires, NULL, NULL, $rpm, $tpm, $concurrent, $rpd, $tpd);
            """;
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$prefix", key.Prefix);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$scopes", ScopeText.Format(key.Scopes));
        command.Parameters.AddWithValue("$patterns", string.Join(',', key.ModelPatterns));
        command.Parameters.AddWithValue("$created", StoredText.FormatTimestamp(key.Created));
        command.Parameters.AddWithValue("$expires", key.Expires is { } expires ? StoredText.FormatTimestamp(expires) : DBNull.Value);
        command.Parameters.AddWithValue("$rpm", (object?)key.Limits?.RequestsPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("$tpm", (object?)key.Limits?.TokensPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("$concurrent", (object?)key.Limits?.ConcurrentRequests ?? DBNull.Value);
        command.Parameters.AddWithValue("$rpd", (object?)key.Limits?.RequestsPerDay ?? DBNull.Value);
        command.Parameters.AddWithValue("$tpd", (object?)key.Limits?.TokensPerDay ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(KeyInfo Key, byte[] Hash)?> FindByHashAsync(
        SqliteConnection connection, SqliteTransaction? transaction, byte[] hash, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE hash = $hash;";
        command.Parameters.AddWithValue("$hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), (byte[])reader.GetValue(HashColumn)) : null;
    }

    private static KeyInfo Read(SqliteDataReader reader)
    {
        var limits = new KeyLimits(
            NullableInt(reader, 9), NullableInt(reader, 10), NullableInt(reader, 11), NullableLong(reader, 12), NullableLong(reader, 13));
        var patterns = reader.GetString(4);
        return new KeyInfo(
            Id: reader.GetString(0),
            Name: reader.GetString(1),
            Prefix: reader.GetString(2),
            Scopes: ScopeText.ParseList(reader.GetString(3)),
            ModelPatterns: patterns.Length == 0 ? [] : patterns.Split(','),
            Created: StoredText.ParseTimestamp(reader.GetString(5)),
            Expires: NullableTimestamp(reader, 6),
            Revoked: NullableTimestamp(reader, 7),
            LastUsed: NullableTimestamp(reader, 8),
            Limits: limits.IsEmpty ? null : limits);
    }

    private static DateTimeOffset? NullableTimestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoredText.ParseTimestamp(reader.GetString(ordinal));

    private static int? NullableInt(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}

using Maas.Security.Storage;

namespace Maas.Security.Audit;

/// <summary>
/// Append-only record of administrative actions in the <c>audit_log</c> table. Writes go straight to the database:
/// these are rare, and an audit entry that a crash could lose is not worth having.
/// </summary>
public sealed class AuditLog
{
    private const int MaxLimit = 1000;
    private readonly SecurityDatabase _database;
    private readonly TimeProvider _time;

    internal AuditLog(SecurityDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Appends an entry; anything shaped like a key secret in <paramref name="target"/> or <paramref name="detail"/> is masked.</summary>
    public async Task<AuditEntry> RecordAsync(string actorKeyId, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorKeyId);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(target);
        var at = _time.GetUtcNow();
        target = SecretRedactor.Redact(target);
        detail = detail is null ? null : SecretRedactor.Redact(detail);

        await using var connection = await _database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO audit_log (at, actor_key_id, action, target, detail) VALUES ($at, $actor, $action, $target, $detail)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$at", StoredText.FormatTimestamp(at));
        command.Parameters.AddWithValue("$actor", actorKeyId);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new AuditEntry(id, at, actorKeyId, action, target, detail);
    }

    /// <summary>The newest entries first, at most <paramref name="limit"/> (capped at 1000), optionally of one action.</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(int limit, string? action, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, at, actor_key_id, action, target, detail FROM audit_log
            WHERE $action IS NULL OR action = $action
            ORDER BY id DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$action", (object?)action ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, MaxLimit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), StoredText.ParseTimestamp(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return entries;
    }
}

using Maas.Security.Storage;
using Microsoft.Data.Sqlite;

namespace Maas.Security.Usage;

/// <summary>The <c>usage</c> table: one row per key, model and day, added to by each flush.</summary>
internal sealed class UsageStore(SecurityDatabase database)
{
    /// <summary>Adds a batch in one transaction, so a flush lands entirely or not at all.</summary>
    public async Task AddAsync(IReadOnlyList<KeyValuePair<UsageKey, UsageDelta>> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO usage (key_id, model, day, requests, input_tokens, output_tokens, images, compute_ms)
            VALUES ($key, $model, $day, $requests, $input, $output, $images, $compute)
            ON CONFLICT (key_id, model, day) DO UPDATE SET
                requests      = requests      + excluded.requests,
                input_tokens  = input_tokens  + excluded.input_tokens,
                output_tokens = output_tokens + excluded.output_tokens,
                images        = images        + excluded.images,
                compute_ms    = compute_ms    + excluded.compute_ms;
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var model = command.Parameters.Add("$model", SqliteType.Text);
        var day = command.Parameters.Add("$day", SqliteType.Text);
        var requests = command.Parameters.Add("$requests", SqliteType.Integer);
        var input = command.Parameters.Add("$input", SqliteType.Integer);
        var output = command.Parameters.Add("$output", SqliteType.Integer);
        var images = command.Parameters.Add("$images", SqliteType.Integer);
        var compute = command.Parameters.Add("$compute", SqliteType.Integer);
        foreach (var (usageKey, delta) in batch)
        {
            key.Value = usageKey.KeyId;
            model.Value = usageKey.Model;
            day.Value = StoredText.FormatDay(usageKey.Day);
            requests.Value = delta.Requests;
            input.Value = delta.InputTokens;
            output.Value = delta.OutputTokens;
            images.Value = delta.Images;
            compute.Value = delta.ComputeMilliseconds;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
    }

    public async Task<IReadOnlyList<UsageRow>> QueryAsync(string? keyId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT key_id, model, day, requests, input_tokens, output_tokens, images, compute_ms FROM usage
            WHERE ($key IS NULL OR key_id = $key) AND ($from IS NULL OR day >= $from) AND ($to IS NULL OR day <= $to);
            """;
        command.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", from is { } f ? StoredText.FormatDay(f) : DBNull.Value);
        command.Parameters.AddWithValue("$to", to is { } t ? StoredText.FormatDay(t) : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(
                reader.GetString(0), reader.GetString(1), StoredText.ParseDay(reader.GetString(2)),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return rows;
    }
}

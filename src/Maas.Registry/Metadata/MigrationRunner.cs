using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Metadata;

/// <summary>
/// Brings a database up to the newest schema, recording each applied step in a history table. Each module that keeps
/// tables in the shared file has a history table of its own (the registry <c>schema_migrations</c>, security
/// <c>security_migrations</c>), so their schemas evolve in one file without seeing each other's versions.
/// </summary>
public static class MigrationRunner
{
    /// <summary>Applies the pending steps; returns how many ran. Safe to call again, or from two processes at once.</summary>
    public static async Task<int> ApplyAsync(
        SqliteConnection connection, string historyTable, IReadOnlyList<SchemaMigration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(time);
        if (!historyTable.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            // Interpolated into SQL below, so only a plain identifier is acceptable.
            throw new ArgumentException("the history table must be a lower-case identifier", nameof(historyTable));
        }

        // WAL lets readers carry on while a push commits; the mode is stored in the file, so setting it once is enough.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {historyTable} (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied     TEXT NOT NULL
            );
            """, cancellationToken);

        var applied = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            // IMMEDIATE takes the write lock before the check, so a second process waits and then sees the step done.
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = $"SELECT COUNT(*) FROM {historyTable} WHERE version = $version;";
                check.Parameters.AddWithValue("$version", migration.Version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {historyTable} (version, description, applied) VALUES ($version, $description, $applied);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$applied", StoredValues.FormatTimestamp(time.GetUtcNow()));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            transaction.Commit();
            applied++;
        }

        return applied;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

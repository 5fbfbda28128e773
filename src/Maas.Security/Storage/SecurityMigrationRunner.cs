using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Maas.Security.Storage;

/// <summary>
/// Brings the security tables up to date, recording each step in <c>security_migrations</c> — a history of its own,
/// so this module and the registry evolve their schemas in the same file without seeing each other's versions.
/// </summary>
internal static class SecurityMigrationRunner
{
    /// <summary>Applies the pending steps and returns how many ran; safe to repeat, or to race from two processes.</summary>
    public static async Task<int> ApplyAsync(
        SqliteConnection connection, IReadOnlyList<SecurityMigration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        // The journal mode lives in the file; readers keep going while a flush or a push commits.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS security_migrations (
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
                check.CommandText = "SELECT COUNT(*) FROM security_migrations WHERE version = $version;";
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
                record.CommandText = "INSERT INTO security_migrations (version, description, applied) VALUES ($version, $description, $applied);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$applied", StoredText.FormatTimestamp(time.GetUtcNow()));
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

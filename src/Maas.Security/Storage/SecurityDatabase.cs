using Maas.Registry.Metadata;
using Microsoft.Data.Sqlite;

namespace Maas.Security.Storage;

/// <summary>
/// Short-lived pooled connections to <c>&lt;data&gt;/maas.db</c>, the file the registry also uses. The security tables
/// carry their own migration history, so the schema is brought up to date by whichever caller opens a connection
/// first — keys can be checked before the hosted service has started.
/// </summary>
internal sealed class SecurityDatabase
{
    // Queue behind a registry push or a usage flush rather than fail; every write here is milliseconds.
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public SecurityDatabase(string path, TimeProvider time)
    {
        Path = path;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!_migrated)
            {
                await MigrateAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens (and so migrates) once; the hosted service calls this at start to fail fast on a bad file.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await MigrationRunner.ApplyAsync(connection, "security_migrations", SecurityMigrations.All, _time, cancellationToken);
                _migrated = true;
            }
        }
        finally
        {
            _migrationGate.Release();
        }
    }
}

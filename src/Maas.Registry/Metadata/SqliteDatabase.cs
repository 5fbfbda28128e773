using Microsoft.Data.Sqlite;

namespace Maas.Registry.Metadata;

/// <summary>
/// Opens short-lived connections to one database file. Each operation takes its own connection (the driver pools
/// them), which keeps the registry thread-safe without a lock of its own.
/// </summary>
internal sealed class SqliteDatabase(string path)
{
    // Long enough to queue behind a burst of concurrent pushes; each write transaction is milliseconds.
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
    }.ToString();

    public string Path { get; } = path;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

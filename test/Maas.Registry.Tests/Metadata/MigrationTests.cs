using System.Globalization;
using Maas.Registry.Metadata;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Tests.Metadata;

public sealed class MigrationTests
{
    [Fact]
    public async Task InitializeAsync_TwiceAndAfterReopen_AppliesEachMigrationOnce()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        await fixture.AddAsync("kept");
        await fixture.Registry.InitializeAsync(CancellationToken.None);

        var reopened = new SqliteModelRegistry(fixture.Data.Path, fixture.Time);
        await reopened.InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Select(m => m.Version.ToString(CultureInfo.InvariantCulture)), await ColumnAsync(fixture, "SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(["wal"], await ColumnAsync(fixture, "PRAGMA journal_mode"));
        var model = await reopened.GetModelAsync("kept", CancellationToken.None);
        Assert.NotNull(model);
        Assert.Equal(1, Assert.Single(model.Versions).Version);
    }

    [Fact]
    public async Task InitializeAsync_MissingFolder_CreatesDatabaseFile()
    {
        using var fixture = new RegistryFixture();
        var nested = fixture.Data.Combine("a", "b");

        var registry = new SqliteModelRegistry(nested, fixture.Time);
        await registry.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(nested, "maas.db")));
        Assert.Empty(await registry.ListModelsAsync(CancellationToken.None));
    }

    [Fact]
    public void SchemaMigrations_Versions_AreStrictlyIncreasingFromOne()
    {
        var versions = SchemaMigrations.All.Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    private static async Task<List<string>> ColumnAsync(RegistryFixture fixture, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.Registry.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}

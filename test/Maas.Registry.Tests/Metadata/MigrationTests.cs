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
    public void SchemaMigrations_Versions_StartAtOneAndStrictlyIncrease()
    {
        var versions = SchemaMigrations.All.Select(m => m.Version).ToList();

        // Not necessarily contiguous: branches append numbered steps independently and merge later.
        Assert.Equal(1, versions[0]);
        Assert.True(versions.Zip(versions.Skip(1)).All(pair => pair.Second > pair.First), string.Join(",", versions));
    }

    [Fact]
    public async Task ApplyAsync_StepNumberedBelowOneAlreadyApplied_StillRunsIt()
    {
        // A database that took steps 1 and 3 from one branch meets step 2 from another after the merge.
        using var data = new Maas.Testing.TempDirectory();
        await using var connection = new SqliteConnection($"Data Source={data.Combine("gap.db")};Pooling=False");
        await connection.OpenAsync();
        SchemaMigration one = new(1, "one", "CREATE TABLE one (x INTEGER);");
        SchemaMigration two = new(2, "two", "CREATE TABLE two (x INTEGER);");
        SchemaMigration three = new(3, "three", "CREATE TABLE three (x INTEGER);");
        var time = new FixedTimeProvider(RegistryFixture.Start);

        Assert.Equal(2, await MigrationRunner.ApplyAsync(connection, "gap_migrations", [one, three], time, CancellationToken.None));
        Assert.Equal(1, await MigrationRunner.ApplyAsync(connection, "gap_migrations", [one, two, three], time, CancellationToken.None));
        Assert.Equal(0, await MigrationRunner.ApplyAsync(connection, "gap_migrations", [one, two, three], time, CancellationToken.None));

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('one','two','three') ORDER BY name);";
        Assert.Equal("one,three,two", await command.ExecuteScalarAsync());
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

using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Security.Usage;
using Maas.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Maas.Security.Tests;

public sealed class SecurityServiceCollectionExtensionsTests : IDisposable
{
    private const string AdminSecret = "operator-admin-secret-0001";
    private readonly SecurityFixture _fixture = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task AddMaasSecurity_HostedServiceLifecycle_EnsuresAdminKeyAppliesDefaultsAndFlushesOnStop()
    {
        await using (var services = Build())
        {
            await StartAsync(services);
            var admin = await services.GetRequiredService<ApiKeyService>().AuthenticateAsync(AdminSecret, _ct);
            Assert.NotNull(admin);
            Assert.True(admin.Allows(Scope.Admin));

            var limiter = services.GetRequiredService<RateLimiter>();
            var passed = Enumerable.Range(0, 3).Count(_ => { using var d = limiter.TryAcquire(admin); return d.IsAllowed; });
            Assert.Equal(2, passed);

            services.GetRequiredService<UsageMeter>().Record(admin.Id, "llm", new UsageDelta(Requests: 1));
            await StopAsync(services);
        }

        await using var reopened = _fixture.NewUsage();
        Assert.Equal(1, Assert.Single(await reopened.QueryAsync(null, null, null, _ct)).Requests);
        Assert.True(File.Exists(_fixture.SecretPath));
    }

    [Fact]
    public async Task AddMaasSecurity_FlushInterval_WritesUsageInTheBackground()
    {
        await using var services = Build();
        await StartAsync(services);
        services.GetRequiredService<UsageMeter>().Record("k1", "llm", new UsageDelta(Requests: 3));

        await using var other = _fixture.NewUsage();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<UsageRow> rows;
        do
        {
            // The loop starts on a background thread and may not be waiting yet; keep the clock moving until it flushes.
            _fixture.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20, _ct);
            rows = await other.QueryAsync(null, null, null, _ct);
        }
        while (rows.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(3, Assert.Single(rows).Requests);
        await StopAsync(services);
    }

    [Fact]
    public async Task AddMaasSecurity_NextToRegistry_BothSchemasLiveInOneFile()
    {
        var collection = new ServiceCollection().AddSingleton<TimeProvider>(_fixture.Time);
        collection.AddMaasRegistry(_fixture.DataDirectory);
        await using var services = collection.AddMaasSecurity(_fixture.DataDirectory, Configuration()).BuildServiceProvider();

        await services.GetRequiredService<IModelRegistry>().InitializeAsync(_ct);
        await StartAsync(services);
        await StopAsync(services);

        await using var connection = new SqliteConnection($"Data Source={_fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync(_ct);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(_ct))
        {
            while (await reader.ReadAsync(_ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(new HashSet<string> { "api_keys", "usage", "audit_log", "security_migrations", "schema_migrations", "models" }, tables.ToHashSet());
        command.CommandText = "SELECT COUNT(*) FROM security_migrations;";
        Assert.Equal(1L, await command.ExecuteScalarAsync(_ct));
    }

    private ServiceProvider Build() =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(_fixture.Time)
            .AddMaasSecurity(_fixture.DataDirectory, Configuration())
            .BuildServiceProvider();

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Maas:AdminKey"] = AdminSecret,
            ["Maas:Security:UsageFlushInterval"] = "00:00:05",
            ["Maas:Security:Limits:RequestsPerMinute"] = "2",
        })
        .Build();

    private async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(_ct);
        }
    }

    private async Task StopAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(_ct);
        }
    }
}

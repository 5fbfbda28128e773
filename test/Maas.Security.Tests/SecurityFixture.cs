using Maas.Security.Audit;
using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Security.Storage;
using Maas.Security.Usage;
using Maas.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Maas.Security.Tests;

/// <summary>A data folder and a fake clock; builds the security services over them, as often as a test "restarts".</summary>
internal sealed class SecurityFixture : IDisposable
{
    private readonly TempDirectory _temp = new("maas-security");

    public SecurityFixture(DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
    }

    public FakeTimeProvider Time { get; }

    public string DataDirectory => _temp.Path;

    public string DatabasePath => _temp.Combine("maas.db");

    public string SecretPath => _temp.Combine("secret.key");

    public SecurityDatabase NewDatabase() => new(DatabasePath, Time);

    public ApiKeyService NewKeys(TimeSpan? cacheTtl = null) =>
        new(new ApiKeyStore(NewDatabase()), new KeyHasher(new ServerSecret(SecretPath)), Time, cacheTtl, NullLogger<ApiKeyService>.Instance);

    public UsageMeter NewUsage() => new(new UsageStore(NewDatabase()), Time);

    public RateLimiter NewLimiter(UsageMeter usage, LimitDefaults? defaults = null) => new(Time, defaults ?? new LimitDefaults(), usage);

    public AuditLog NewAudit() => new(NewDatabase(), Time);

    public void Dispose() => _temp.Dispose();
}

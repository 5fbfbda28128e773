using Maas.Errors;
using Maas.Storage;

namespace Maas.Registry.Tests.Metadata;

/// <summary>AddVersionOnceAsync: one version per key, model and caller, for a bounded time, even under races.</summary>
public sealed class IdempotencyKeyTests
{
    private static readonly IdempotencyClaim Claim = new("key-a", "push-1", "sha256:aa alias:");

    [Fact]
    public async Task AddVersionOnce_SameClaimTwice_SecondReplaysTheFirstVersion()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        var version = RegistryFixture.Version("mlp");

        var first = await fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None);
        var second = await fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None);
        var found = await fixture.Registry.FindClaimedVersionAsync("mlp", Claim, CancellationToken.None);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(1, second.Version.Version);
        Assert.Equal(1, found?.Version);
        Assert.Single((await fixture.Registry.GetModelAsync("mlp", CancellationToken.None))!.Versions);
    }

    [Fact]
    public async Task AddVersionOnce_SameKeyOtherFingerprint_IsConflictNamingTheKey()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("mlp"), Claim, CancellationToken.None);

        var error = await Assert.ThrowsAsync<MaasException>(() => fixture.Registry.AddVersionOnceAsync(
            RegistryFixture.Version("mlp"), Claim with { Fingerprint = "sha256:bb alias:" }, CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("'push-1'", error.Message, StringComparison.Ordinal);
        Assert.Single((await fixture.Registry.GetModelAsync("mlp", CancellationToken.None))!.Versions);
    }

    [Fact]
    public async Task AddVersionOnce_SameKeyOtherCallerOrModel_CreatesVersions()
    {
        using var fixture = await RegistryFixture.CreateAsync();

        var mine = await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("mlp"), Claim, CancellationToken.None);
        var theirs = await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("mlp"), Claim with { Caller = "key-b" }, CancellationToken.None);
        var otherModel = await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("cnn"), Claim, CancellationToken.None);

        Assert.Equal([false, false, false], new[] { mine.Replayed, theirs.Replayed, otherModel.Replayed });
        Assert.Equal(2, theirs.Version.Version);
        Assert.Equal(1, otherModel.Version.Version);
    }

    [Fact]
    public async Task AddVersionOnce_AfterRetention_KeyIsForgottenAndANewVersionIsMade()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("mlp"), Claim, CancellationToken.None);

        fixture.Time.Now += IdempotencyClaim.Retention + TimeSpan.FromSeconds(1);
        Assert.Null(await fixture.Registry.FindClaimedVersionAsync("mlp", Claim, CancellationToken.None));
        var later = await fixture.Registry.AddVersionOnceAsync(RegistryFixture.Version("mlp"), Claim, CancellationToken.None);

        Assert.False(later.Replayed);
        Assert.Equal(2, later.Version.Version);
    }

    [Fact]
    public async Task AddVersionOnce_VersionDeletedSince_IsConflictSayingSo()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        var version = RegistryFixture.Version("mlp");
        await fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None);
        await fixture.Registry.AddVersionAsync(RegistryFixture.Version("mlp"), CancellationToken.None);
        await fixture.Registry.DeleteVersionAsync("mlp", 1, force: false, CancellationToken.None);

        var error = await Assert.ThrowsAsync<MaasException>(() => fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("deleted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddVersionOnce_ModelDeletedAndPushedAgain_DoesNotReplayTheNewVersionOne()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        var version = RegistryFixture.Version("mlp");
        await fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None);
        await fixture.Registry.DeleteModelAsync("mlp", CancellationToken.None);
        await fixture.Registry.AddVersionAsync(RegistryFixture.Version("mlp"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<MaasException>(() => fixture.Registry.FindClaimedVersionAsync("mlp", Claim, CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task AddVersionOnce_ConcurrentSameClaim_ExactlyOneVersion()
    {
        using var fixture = await RegistryFixture.CreateAsync();
        var version = RegistryFixture.Version("mlp");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => fixture.Registry.AddVersionOnceAsync(version, Claim, CancellationToken.None))));

        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(1, r.Version.Version));
        Assert.Single((await fixture.Registry.GetModelAsync("mlp", CancellationToken.None))!.Versions);
    }
}

using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;
using Maas.Errors;
using Maas.Security.Keys;
using Maas.Security.Limits;

namespace Maas.Security.Tests.Keys;

public sealed partial class ApiKeyServiceTests : IDisposable
{
    private readonly SecurityFixture _fixture = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task CreateAsync_NewKey_ReturnsMaasPrefixedSecretOf256RandomBits()
    {
        var keys = _fixture.NewKeys();

        var first = await keys.CreateAsync(Request("ci"), _ct);
        var second = await keys.CreateAsync(Request("ci"), _ct);

        Assert.Matches(SecretShape(), first.Secret);
        Assert.Equal(32, Base64Url.DecodeFromChars(first.Secret.AsSpan(5)).Length);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Key.Id, second.Key.Id);
        Assert.Equal(first.Secret[..12], first.Key.Prefix);
        Assert.DoesNotContain(first.Secret, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Request_KeepsScopesPatternsExpiryAndLimits()
    {
        var keys = _fixture.NewKeys();
        var expires = _fixture.Time.GetUtcNow().AddDays(30);
        var limits = new KeyLimits(RequestsPerMinute: 10, TokensPerDay: 5000);

        var created = await keys.CreateAsync(new NewKey("llm team", [Scope.Infer, Scope.Deploy, Scope.Infer], ["llm-*"], expires, limits), _ct);
        var stored = await keys.GetAsync(created.Key.Id, _ct);

        Assert.NotNull(stored);
        Assert.Equal("llm team", stored.Name);
        Assert.Equal([Scope.Deploy, Scope.Infer], stored.Scopes);
        Assert.Equal(["llm-*"], stored.ModelPatterns);
        Assert.Equal(expires, stored.Expires);
        Assert.Equal(limits, stored.Limits);
        Assert.Equal(_fixture.Time.GetUtcNow(), stored.Created);
        Assert.Null(stored.Revoked);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyLifecycle_AcceptsUntilRevokedThenRejectsOnNextCall()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("app"), _ct);

        var before = await keys.AuthenticateAsync(created.Secret, _ct);
        var cached = await keys.AuthenticateAsync(created.Secret, _ct);
        var revoked = await keys.RevokeAsync(created.Key.Id, _ct);
        var after = await keys.AuthenticateAsync(created.Secret, _ct);

        Assert.Equal(created.Key.Id, before?.Id);
        Assert.Equal(created.Key.Id, cached?.Id);
        Assert.True(revoked.IsRevoked);
        Assert.Null(after);
        Assert.Null(await _fixture.NewKeys().AuthenticateAsync(created.Secret, _ct));
    }

    [Fact]
    public async Task AuthenticateAsync_PastExpiry_ReturnsNull()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("temp") with { Expires = _fixture.Time.GetUtcNow().AddHours(1) }, _ct);
        Assert.NotNull(await keys.AuthenticateAsync(created.Secret, _ct));

        _fixture.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await keys.AuthenticateAsync(created.Secret, _ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("maas_")]
    [InlineData("not a key")]
    public async Task AuthenticateAsync_UnknownSecret_ReturnsNull(string secret)
    {
        var keys = _fixture.NewKeys();
        await keys.CreateAsync(Request("app"), _ct);

        Assert.Null(await keys.AuthenticateAsync(secret, _ct));
        Assert.Null(await keys.AuthenticateAsync(new string('x', 10_000), _ct));
    }

    [Fact]
    public async Task AuthenticateAsync_SecretDifferingInLastCharacter_ReturnsNull()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("app"), _ct);
        await keys.AuthenticateAsync(created.Secret, _ct);
        var last = created.Secret[^1];
        var tampered = created.Secret[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Null(await keys.AuthenticateAsync(tampered, _ct));
        Assert.Null(await keys.AuthenticateAsync(created.Secret.ToUpperInvariant(), _ct));
    }

    [Fact]
    public async Task AuthenticateAsync_AfterRestart_AcceptsKeyCreatedBefore()
    {
        var created = await _fixture.NewKeys().CreateAsync(Request("app"), _ct);

        var restarted = _fixture.NewKeys();

        Assert.Equal(created.Key.Id, (await restarted.AuthenticateAsync(created.Secret, _ct))?.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_ServerSecretReplaced_RejectsOldKeys()
    {
        var created = await _fixture.NewKeys().CreateAsync(Request("app"), _ct);

        File.Delete(_fixture.SecretPath);

        // The stored hash is keyed by the server secret; without it the same secret hashes to something else.
        Assert.Null(await _fixture.NewKeys().AuthenticateAsync(created.Secret, _ct));
    }

    [Fact]
    public async Task CreateAsync_FirstUse_WritesOwnerOnlyServerSecretOf32Bytes()
    {
        await _fixture.NewKeys().CreateAsync(Request("app"), _ct);

        Assert.Equal(32, new FileInfo(_fixture.SecretPath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_fixture.SecretPath));
        }
    }

    [Fact]
    public async Task CreateAsync_ServerSecretOfWrongSize_FailsInsteadOfReplacingIt()
    {
        await File.WriteAllBytesAsync(_fixture.SecretPath, new byte[5], _ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.NewKeys().CreateAsync(Request("app"), _ct));
        Assert.Equal(5, new FileInfo(_fixture.SecretPath).Length);
    }

    [Fact]
    public async Task DatabaseFiles_AfterCreateAndAuthenticate_ContainNeitherSecretNorItsBody()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("app"), _ct);
        await keys.AuthenticateAsync(created.Secret, _ct);
        await keys.FlushLastUsedAsync(_ct);
        var admin = "operator-chosen-admin-secret-1234";
        await keys.EnsureAdminKeyAsync(admin, "admin", _ct);

        // Pooled connections keep the WAL open, so fresh writes are usually still there rather than in the main file.
        var contents = new List<byte[]>();
        foreach (var file in new[] { _fixture.DatabasePath, _fixture.DatabasePath + "-wal" }.Where(File.Exists))
        {
            contents.Add(await File.ReadAllBytesAsync(file, _ct));
        }

        foreach (var bytes in contents)
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(created.Secret[5..])));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(admin)));
        }

        // The prefix is stored on purpose: proof that the search does find text these files hold.
        Assert.Contains(contents, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(created.Key.Prefix)) >= 0);
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => _fixture.NewKeys().RevokeAsync("nope", _ct));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task RevokeAsync_Twice_KeepsFirstRevocationTime()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("app"), _ct);
        var first = await keys.RevokeAsync(created.Key.Id, _ct);
        _fixture.Time.Advance(TimeSpan.FromMinutes(5));

        var second = await keys.RevokeAsync(created.Key.Id, _ct);

        Assert.Equal(first.Revoked, second.Revoked);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedByAnotherNodeWithTtl_RejectedOnceTtlPasses()
    {
        var nodeA = _fixture.NewKeys(cacheTtl: TimeSpan.FromSeconds(5));
        var nodeB = _fixture.NewKeys();
        var created = await nodeA.CreateAsync(Request("app"), _ct);
        await nodeA.AuthenticateAsync(created.Secret, _ct);

        await nodeB.RevokeAsync(created.Key.Id, _ct);
        var withinTtl = await nodeA.AuthenticateAsync(created.Secret, _ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var afterTtl = await nodeA.AuthenticateAsync(created.Secret, _ct);

        Assert.NotNull(withinTtl);
        Assert.Null(afterTtl);
    }

    [Fact]
    public async Task EnsureAdminKeyAsync_CalledTwice_CreatesOneAdminKey()
    {
        var keys = _fixture.NewKeys();
        const string secret = "a-long-operator-secret";

        var first = await keys.EnsureAdminKeyAsync(secret, "admin", _ct);
        var second = await _fixture.NewKeys().EnsureAdminKeyAsync(secret, "admin", _ct);
        var authenticated = await keys.AuthenticateAsync(secret, _ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await keys.ListAsync(_ct));
        Assert.True(authenticated?.Allows(Scope.Admin));
        Assert.Equal(secret[..11], first.Prefix);
    }

    [Fact]
    public async Task EnsureAdminKeyAsync_ExistingInferKey_GainsAdminScopeOnNextAuthentication()
    {
        var keys = _fixture.NewKeys();
        var created = await keys.CreateAsync(Request("app"), _ct);
        Assert.False((await keys.AuthenticateAsync(created.Secret, _ct))!.Allows(Scope.Admin));

        var ensured = await keys.EnsureAdminKeyAsync(created.Secret, "admin", _ct);

        Assert.Equal(created.Key.Id, ensured.Id);
        Assert.Equal([Scope.Admin, Scope.Infer], ensured.Scopes);
        Assert.True((await keys.AuthenticateAsync(created.Secret, _ct))!.Allows(Scope.Admin));
    }

    [Fact]
    public async Task EnsureAdminKeyAsync_RevokedKey_StaysRevoked()
    {
        var keys = _fixture.NewKeys();
        const string secret = "a-long-operator-secret";
        var admin = await keys.EnsureAdminKeyAsync(secret, "admin", _ct);
        await keys.RevokeAsync(admin.Id, _ct);

        var again = await keys.EnsureAdminKeyAsync(secret, "admin", _ct);

        Assert.True(again.IsRevoked);
        Assert.Null(await keys.AuthenticateAsync(secret, _ct));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it ok")]
    public async Task EnsureAdminKeyAsync_WeakSecret_ThrowsInvalidInput(string secret)
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => _fixture.NewKeys().EnsureAdminKeyAsync(secret, "admin", _ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task CreateAsync_InvalidRequests_ThrowInvalidInput()
    {
        var keys = _fixture.NewKeys();
        NewKey[] invalid =
        [
            Request(""),
            Request("app") with { Scopes = [] },
            Request("app") with { ModelPatterns = ["LLM-*"] },
            Request("app") with { ModelPatterns = [""] },
            Request("app") with { Expires = _fixture.Time.GetUtcNow() },
            Request("app") with { Limits = new KeyLimits(RequestsPerMinute: -1) },
        ];

        foreach (var request in invalid)
        {
            var error = await Assert.ThrowsAsync<MaasException>(() => keys.CreateAsync(request, _ct));
            Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        }

        Assert.Empty(await keys.ListAsync(_ct));
    }

    [Fact]
    public async Task ListAsync_AfterUseAndFlush_ShowsLastUsedToOtherInstances()
    {
        var keys = _fixture.NewKeys();
        var used = await keys.CreateAsync(Request("used"), _ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var unused = await keys.CreateAsync(Request("unused"), _ct);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await keys.AuthenticateAsync(used.Secret, _ct);
        var live = await keys.GetAsync(used.Key.Id, _ct);

        await keys.FlushLastUsedAsync(_ct);
        var listed = await _fixture.NewKeys().ListAsync(_ct);

        Assert.Equal(_fixture.Time.GetUtcNow(), live?.LastUsed);
        Assert.Equal(["used", "unused"], listed.Select(k => k.Name));
        Assert.Equal(_fixture.Time.GetUtcNow(), listed.Single(k => k.Id == used.Key.Id).LastUsed);
        Assert.Null(listed.Single(k => k.Id == unused.Key.Id).LastUsed);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await _fixture.NewKeys().GetAsync("missing", _ct));
    }

    private static NewKey Request(string name) => new(name, [Scope.Infer], [], null, null);

    [GeneratedRegex("^maas_[A-Za-z0-9_-]{43}$")]
    private static partial Regex SecretShape();
}

namespace Maas.Security.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly SecurityFixture _fixture = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task QueryAsync_AfterRecords_ReturnsNewestFirstAcrossRestart()
    {
        var audit = _fixture.NewAudit();
        await audit.RecordAsync("admin1", "model.push", "sentiment:3", "sha256 abc", _ct);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await audit.RecordAsync("admin1", "alias.set", "sentiment:prod", null, _ct);

        var entries = await _fixture.NewAudit().QueryAsync(10, null, _ct);

        Assert.Equal(["alias.set", "model.push"], entries.Select(e => e.Action));
        Assert.Equal(_fixture.Time.GetUtcNow(), entries[0].At);
        Assert.Equal("admin1", entries[1].ActorKeyId);
        Assert.Equal("sentiment:3", entries[1].Target);
        Assert.Equal("sha256 abc", entries[1].Detail);
        Assert.Null(entries[0].Detail);
    }

    [Fact]
    public async Task QueryAsync_ActionAndLimit_FilterAndCap()
    {
        var audit = _fixture.NewAudit();
        for (var i = 0; i < 5; i++)
        {
            await audit.RecordAsync("admin1", "key.create", $"key{i}", null, _ct);
        }

        await audit.RecordAsync("admin1", "key.revoke", "key0", null, _ct);

        var creates = await audit.QueryAsync(3, "key.create", _ct);

        Assert.Equal(["key4", "key3", "key2"], creates.Select(e => e.Target));
        Assert.Equal("key0", Assert.Single(await audit.QueryAsync(10, "key.revoke", _ct)).Target);
    }

    [Fact]
    public async Task RecordAsync_DetailHoldingASecret_StoresOnlyItsPrefix()
    {
        var audit = _fixture.NewAudit();
        const string secret = "maas_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

        var entry = await audit.RecordAsync("admin1", "key.create", "ci " + secret, $"secret={secret}", _ct);
        var stored = Assert.Single(await audit.QueryAsync(1, null, _ct));

        Assert.Equal("ci maas_AbCdEfG…", entry.Target);
        Assert.Equal("secret=maas_AbCdEfG…", stored.Detail);
    }
}

using Maas.Security.Usage;

namespace Maas.Security.Tests.Usage;

public sealed class UsageMeterTests : IDisposable
{
    private readonly SecurityFixture _fixture = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Record_EightThreadsWhileFlushing_CountsEveryRecordExactlyOnce()
    {
        await using var meter = _fixture.NewUsage();
        using var writersDone = new CancellationTokenSource();
        var flusher = Task.Run(async () =>
        {
            while (!writersDone.IsCancellationRequested)
            {
                await meter.FlushAsync(_ct);
            }
        });

        var writers = Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                meter.Record("k" + (thread % 2), i % 2 == 0 ? "llm" : "vision", new UsageDelta(1, 3, 5, 1, 7));
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await flusher;

        var rows = await meter.QueryAsync(null, null, null, _ct);

        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(2000, r.Requests));
        Assert.Equal(8000 * 3, rows.Sum(r => r.InputTokens));
        Assert.Equal(8000 * 5, rows.Sum(r => r.OutputTokens));
        Assert.Equal(8000, rows.Sum(r => r.Images));
        Assert.Equal(8000 * 7, rows.Sum(r => r.ComputeMilliseconds));
    }

    [Fact]
    public async Task QueryAsync_BeforeAnyFlush_IncludesPendingCounts()
    {
        await using var meter = _fixture.NewUsage();

        meter.Record("k1", "sentiment", new UsageDelta(Requests: 1, ComputeMilliseconds: 12));
        var rows = await meter.QueryAsync("k1", null, null, _ct);

        var row = Assert.Single(rows);
        Assert.Equal(new UsageRow("k1", "sentiment", new DateOnly(2025, 3, 14), 1, 0, 0, 0, 12), row);
    }

    [Fact]
    public async Task QueryAsync_FlushedAndPendingOfSameRow_AddsThemUp()
    {
        await using var meter = _fixture.NewUsage();
        meter.Record("k1", "llm", new UsageDelta(Requests: 1, OutputTokens: 10));
        await meter.FlushAsync(_ct);
        await meter.FlushAsync(_ct);
        meter.Record("k1", "llm", new UsageDelta(Requests: 1, OutputTokens: 5));

        var row = Assert.Single(await meter.QueryAsync(null, null, null, _ct));

        Assert.Equal(2, row.Requests);
        Assert.Equal(15, row.OutputTokens);
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_QueryReturnsEverythingRecorded()
    {
        await using (var meter = _fixture.NewUsage())
        {
            meter.Record("k1", "llm", new UsageDelta(Requests: 2, InputTokens: 100, OutputTokens: 40));
            meter.Record("k2", "resnet", new UsageDelta(Requests: 1, Images: 4));
        }

        await using var reopened = _fixture.NewUsage();
        var rows = await reopened.QueryAsync(null, null, null, _ct);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new UsageRow("k1", "llm", new DateOnly(2025, 3, 14), 2, 100, 40, 0, 0), rows[0]);
        Assert.Equal(new UsageRow("k2", "resnet", new DateOnly(2025, 3, 14), 1, 0, 0, 4, 0), rows[1]);
    }

    [Fact]
    public async Task QueryAsync_KeyAndDayRange_FiltersFlushedAndPendingRows()
    {
        await using var meter = _fixture.NewUsage();
        meter.Record("k1", "llm", new UsageDelta(Requests: 1));
        await meter.FlushAsync(_ct);
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        meter.Record("k1", "llm", new UsageDelta(Requests: 2));
        meter.Record("k2", "llm", new UsageDelta(Requests: 4));
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        meter.Record("k1", "llm", new UsageDelta(Requests: 8));

        var middle = await meter.QueryAsync("k1", new DateOnly(2025, 3, 15), new DateOnly(2025, 3, 15), _ct);
        var fromSecondDay = await meter.QueryAsync("k1", new DateOnly(2025, 3, 15), null, _ct);
        var untilSecondDay = await meter.QueryAsync(null, null, new DateOnly(2025, 3, 15), _ct);

        Assert.Equal(2, Assert.Single(middle).Requests);
        Assert.Equal([2L, 8L], fromSecondDay.Select(r => r.Requests));
        Assert.Equal([1L, 2L, 4L], untilSecondDay.Select(r => r.Requests));
    }

    [Fact]
    public async Task Record_AcrossUtcMidnight_SplitsIntoTwoDays()
    {
        using var fixture = new SecurityFixture(new DateTimeOffset(2025, 3, 14, 23, 59, 59, TimeSpan.Zero));
        await using var meter = fixture.NewUsage();

        meter.Record("k1", "llm", new UsageDelta(Requests: 1));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        meter.Record("k1", "llm", new UsageDelta(Requests: 1));

        var rows = await meter.QueryAsync(null, null, null, _ct);
        Assert.Equal([new DateOnly(2025, 3, 14), new DateOnly(2025, 3, 15)], rows.Select(r => r.Day));
    }
}

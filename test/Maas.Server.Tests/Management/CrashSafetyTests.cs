using System.Net;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Management;

/// <summary>Uploads are atomic: a killed server or an abandoned upload never leaves a visible half version or an orphan.</summary>
public sealed class CrashSafetyTests
{
    private const long UploadBytes = 512L << 20;

    [Fact]
    public async Task Push_ServerKilledMidUpload_RestartShowsNoVersionAndNoOrphans()
    {
        using var data = new TempDirectory("maas-kill");
        var tmp = Path.Combine(data.Path, "blobs", "tmp");
        using (var server = await ServerProcess.StartAsync(data.Path))
        {
            using var client = server.CreateClient();
            var body = new SlowStream(UploadBytes);
            using var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = UploadBytes;
            var upload = client.PostAsync(new Uri("/api/models/big/versions", UriKind.Relative), content);

            // Kill only once the server has part of the artifact on disk, so the test proves the cleanup.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (PartialBytes(tmp) < 16L << 20)
            {
                Assert.True(DateTime.UtcNow < deadline, "the upload never reached the server's temp folder");
                await Task.Delay(20);
            }

            server.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => upload);
            Assert.True(PartialBytes(tmp) > 0, "a partial upload should be on disk right after the kill");
        }

        using var restarted = await ServerProcess.StartAsync(data.Path);
        using var http = restarted.CreateClient();
        var list = await Json.ReadAsync(await http.GetAsync(new Uri("/api/models", UriKind.Relative)));
        Assert.Empty(list["models"]!.AsArray());
        using var missing = await http.GetAsync(new Uri("/api/models/big", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, PartialBytes(tmp));
        Assert.Empty(StoredBlobs(data.Path));

        // The restarted server still takes uploads normally.
        using var push = new ByteArrayContent(Expected.MlpModel);
        using var pushed = await http.PostAsync(new Uri("/api/models/mlp/versions", UriKind.Relative), push);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        Assert.Single(StoredBlobs(data.Path));
    }

    [Fact]
    public async Task Push_ClientAbortsUpload_LeavesNoVersionAndNoTempFile()
    {
        await using var server = await MaasTestServer.StartAsync();
        var tmp = Path.Combine(server.DataDirectory, "blobs", "tmp");
        using var cancel = new CancellationTokenSource();
        var body = new SlowStream(UploadBytes);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = UploadBytes;
        var upload = server.Client.PostAsync(new Uri("/api/models/big/versions", UriKind.Relative), content, cancel.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (PartialBytes(tmp) < 8L << 20)
        {
            Assert.True(DateTime.UtcNow < deadline, "the upload never reached the server's temp folder");
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        // The server notices the abort on its next read; give it a moment to clean up.
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (PartialBytes(tmp) > 0 || Directory.EnumerateFiles(tmp).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the temp file of the aborted upload was not removed");
            await Task.Delay(50);
        }

        using var missing = await server.Client.GetAsync(new Uri("/api/models/big", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(StoredBlobs(server.DataDirectory));
    }

    private static long PartialBytes(string tmp) =>
        Directory.Exists(tmp) ? Directory.EnumerateFiles(tmp).Sum(f => new FileInfo(f).Length) : 0;

    private static string[] StoredBlobs(string data)
    {
        var store = Path.Combine(data, "blobs", "sha256");
        return Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>A large artifact produced on the fly (never in memory), paced so the test can act mid-upload.</summary>
    private sealed class SlowStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = (int)Math.Min(Math.Min(buffer.Length, 1 << 20), length - _position);
            if (n <= 0)
            {
                return 0;
            }

            buffer.Span[..n].Fill(0x5A);
            _position += n;
            await Task.Delay(5, cancellationToken);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

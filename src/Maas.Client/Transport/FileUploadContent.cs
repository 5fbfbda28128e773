using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Maas.Client.Transport;

/// <summary>
/// Streams a file from disk as the request body, reporting bytes sent; the file is opened per send so a
/// handler that re-sends the body (redirect, auth challenge) starts again from the first byte.
/// </summary>
internal sealed class FileUploadContent : HttpContent
{
    private const int ChunkSize = 128 * 1024;

    private readonly string _path;
    private readonly long _length;
    private readonly IProgress<UploadProgress>? _progress;

    public FileUploadContent(string path, string contentType, IProgress<UploadProgress>? progress)
    {
        _path = path;
        _length = new FileInfo(path).Length;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var source = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (source.ConfigureAwait(false))
            {
                long sent = 0;
                _progress?.Report(new UploadProgress(0, _length));
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    sent += read;
                    _progress?.Report(new UploadProgress(sent, _length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}

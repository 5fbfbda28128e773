using System.Collections.Concurrent;
using Maas.Errors;
using Maas.Registry.Blobs;
using Maas.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.Management;

/// <summary>
/// Admission of uploads before a byte is stored: a cap per API key on uploads streaming at once (one key cannot hold
/// every disk and CPU slot with parallel pushes) and the free-space check of the data folder.
/// </summary>
internal sealed class UploadGate(IOptions<ServerLimits> limits, StorageGuard storage)
{
    // An upload takes seconds to minutes; asking again sooner would only meet the same full gate.
    private const int RetryAfterSeconds = 5;

    private readonly ConcurrentDictionary<string, int> _active = new(StringComparer.Ordinal);

    /// <summary>Admits one upload of <paramref name="declaredBytes"/> (null when unknown) for <paramref name="keyId"/>; dispose to leave.</summary>
    public IDisposable Enter(string keyId, long? declaredBytes)
    {
        var max = Math.Max(1, limits.Value.MaxConcurrentUploadsPerKey);
        var now = _active.AddOrUpdate(keyId, 1, (_, n) => n + 1);
        var lease = new Lease(this, keyId);
        if (now > max)
        {
            lease.Dispose();
            throw MaasException.TooManyRequests(
                $"this API key already has {max} uploads in progress (Maas:Limits:MaxConcurrentUploadsPerKey); retry when one finishes",
                RetryAfterSeconds);
        }

        try
        {
            storage.EnsureRoomFor(declaredBytes);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        return lease;
    }

    private void Leave(string keyId)
    {
        if (_active.AddOrUpdate(keyId, 0, (_, n) => n - 1) <= 0)
        {
            _active.TryRemove(new KeyValuePair<string, int>(keyId, 0));
        }
    }

    private sealed class Lease(UploadGate gate, string keyId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(keyId);
            }
        }
    }
}

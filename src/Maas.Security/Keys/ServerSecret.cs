using System.Security.Cryptography;

namespace Maas.Security.Keys;

/// <summary>
/// The HMAC key that turns API key secrets into stored hashes: 32 random bytes in <c>&lt;data&gt;/secret.key</c>,
/// owner-only (0600), created on first use. Without it a stolen <c>maas.db</c> cannot be used to test guesses.
/// Losing it invalidates every key, so a file of the wrong size is an error, never silently replaced.
/// </summary>
internal sealed class ServerSecret(string path)
{
    private const int Length = 32;
    private readonly Lazy<byte[]> _key = new(() => LoadOrCreate(path), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Path { get; } = path;

    public byte[] Key => _key.Value;

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != Length)
        {
            throw new InvalidDataException($"'{path}' holds {key.Length} bytes, expected {Length}; restore it from backup or remove it and recreate every API key");
        }

        return key;
    }

    private static void TryCreate(string path)
    {
        // Write a private temp file, then link it into place without overwriting: two processes starting together
        // both end up reading whichever file won, and nobody ever reads a half-written key.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(Length));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

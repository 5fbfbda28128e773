using Maas.Security.Keys;

namespace Maas.Routing;

/// <summary>
/// Who makes a call, and what the call consumed. A protocol edge builds one per request from the key it
/// authenticated and hands it to every <see cref="ModelRouter"/> entry, which checks the key's model grant, names the
/// model for metering and adds the tokens and images the work used. There is no anonymous caller: with
/// authentication off the edge passes <see cref="Local"/>.
/// </summary>
public sealed class Caller(KeyInfo key)
{
    private long _inputTokens;
    private long _outputTokens;
    private long _images;
    private volatile string? _model;

    /// <summary>The all-powerful key every request acts as with <c>--auth none</c>.</summary>
    public static KeyInfo LocalKey { get; } = new("local", "local", "", [Scope.Admin], [], DateTimeOffset.UnixEpoch, null, null, null, null);

    /// <summary>A fresh local caller (one per request: it carries that request's usage).</summary>
    public static Caller Local() => new(LocalKey);

    public KeyInfo Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    public string Id => Key.Id;

    /// <summary>The model the call touched, for usage rows; null until a router entry resolved one.</summary>
    public string? Model => _model;

    public CallUsage Usage => new(Interlocked.Read(ref _inputTokens), Interlocked.Read(ref _outputTokens), Interlocked.Read(ref _images));

    public bool CanUseModel(string modelName) => Key.CanUseModel(modelName);

    /// <summary>403 unless the key is granted the model; notes the model for metering.</summary>
    public void EnsureCanUseModel(string modelName)
    {
        Key.EnsureCanUseModel(modelName);
        _model = modelName;
    }

    /// <summary>Adds what the call consumed beyond the request itself; the edge meters it when the request ends.</summary>
    public void AddUsage(long inputTokens = 0, long outputTokens = 0, long images = 0)
    {
        Interlocked.Add(ref _inputTokens, inputTokens);
        Interlocked.Add(ref _outputTokens, outputTokens);
        Interlocked.Add(ref _images, images);
    }
}

/// <summary>Tokens and images one call consumed.</summary>
public sealed record CallUsage(long InputTokens, long OutputTokens, long Images);

using Maas.Storage;

namespace Maas.Runtime.Publishing;

/// <summary>How <see cref="ModelPublisher"/> stores a new version; the defaults are those of a plain HTTP push.</summary>
public sealed record PublishOptions
{
    /// <summary>The largest artifact accepted when nothing else is said (the server's default upload limit).</summary>
    public const long DefaultMaxBytes = 8L << 30;

    /// <summary>An alias to point at the new version in the same commit.</summary>
    public string? Alias { get; init; }

    /// <summary>Keep the model the validation opened, loaded and ready, instead of closing it.</summary>
    public bool Load { get; init; } = true;

    /// <summary>Bytes past which the artifact is refused (TooLarge) and nothing is kept.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>What the producer says it is sending; when set, content of another format is refused (422).</summary>
    public ArtifactFormat? Format { get; init; }

    /// <summary>
    /// Makes the push safe to repeat: a second push with this key and the same artifact and alias returns the first
    /// version instead of creating another (see <see cref="IdempotencyClaim"/>).
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Who pushes, scoping <see cref="IdempotencyKey"/>: the API key id for HTTP, empty inside the server.</summary>
    public string Caller { get; init; } = "";
}

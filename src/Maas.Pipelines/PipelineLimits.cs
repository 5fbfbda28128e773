using Maas.Errors;

namespace Maas.Pipelines;

/// <summary>Bounds on one pipeline call, so a single request cannot hold gigabytes of encodings or pixels.</summary>
public static class PipelineLimits
{
    /// <summary>Texts or images per call (OpenAI's own limit for embeddings inputs).</summary>
    public const int MaxItems = 2048;

    /// <summary>Preprocessed image floats per call, in bytes.</summary>
    public const long MaxImageBatchBytes = 512L << 20;

    /// <summary>Throws 413 naming <paramref name="what"/> when a call carries more than <see cref="MaxItems"/> items.</summary>
    public static void CheckCount(int count, string what)
    {
        if (count > MaxItems)
        {
            throw MaasException.TooLarge($"{what} holds {count} items; at most {MaxItems} are accepted per request");
        }
    }
}

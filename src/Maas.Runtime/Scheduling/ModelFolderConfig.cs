using System.Globalization;
using Maas.Errors;
using Maas.Models;

namespace Maas.Runtime.Scheduling;

/// <summary>
/// The serving settings a model folder may carry in <c>maas.json</c> (read into its manifest at push) and a load call
/// may pass as parameters: <c>max_batch_size</c>, <c>max_queue_delay_ms</c>, <c>max_queue_size</c>, <c>instances</c>.
/// </summary>
public static class ModelFolderConfig
{
    public const string FileName = "maas.json";

    /// <summary>Applies the manifest's batching keys (validated at push) over the defaults.</summary>
    public static BatchingOptions Apply(BatchingOptions defaults, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Batching is not { Count: > 0 } batching)
        {
            return defaults;
        }

        try
        {
            return Apply(defaults, batching.ToDictionary(b => b.Key, b => (object)b.Value, StringComparer.Ordinal), FileName);
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw MaasException.InvalidModel(ex.Message);
        }
    }

    /// <summary>Applies integer settings by name; anything else present under a known name is refused.</summary>
    public static BatchingOptions Apply(BatchingOptions defaults, IReadOnlyDictionary<string, object> values, string source)
    {
        var result = defaults;
        if (Read(values, "max_batch_size", source, 0, 4096) is { } batch)
        {
            result = result with { MaxBatchSize = (int)batch };
        }

        if (Read(values, "max_queue_delay_ms", source, 0, 10_000) is { } delay)
        {
            result = result with { MaxQueueDelay = TimeSpan.FromMilliseconds(delay) };
        }

        if (Read(values, "max_queue_size", source, 1, 1_000_000) is { } queue)
        {
            result = result with { MaxQueueSize = (int)queue };
        }

        if (Read(values, "instances", source, 1, 64) is { } instances)
        {
            result = result with { Instances = (int)instances };
        }

        return result;
    }

    private static long? Read(IReadOnlyDictionary<string, object> values, string name, string source, long min, long max)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        return value is long number && number >= min && number <= max
            ? number
            : throw MaasException.InvalidInput(
                $"{source}: '{name}' must be an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }
}

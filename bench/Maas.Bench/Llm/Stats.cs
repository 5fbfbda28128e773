namespace Maas.Bench.Llm;

/// <summary>Order statistics of the llm bench.</summary>
internal static class Stats
{
    /// <summary>The nearest-rank percentile of <paramref name="sorted"/> (ascending): an observed value, as latency percentiles are.</summary>
    public static double NearestRank(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The quantile with linear interpolation between ranks: for the per-round ratios, a handful to a few hundred.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}

using System.Globalization;

namespace Maas.Bench.Compare;

/// <summary>The issue's throughput targets, checked against one run's numbers.</summary>
internal static class Targets
{
    public static IReadOnlyList<TargetCheck> Check(IReadOnlyList<ModelComparison> models)
    {
        var checks = new List<TargetCheck>();
        foreach (var m in models)
        {
            checks.Add(Ratio("Maas batching ≥ 0.85× raw ORT batched ceiling (throughput)", m, 64, "maas-batch", CompareRunner.RawKey, 0.85));
            if (m.Model == "bert-tiny-sentiment")
            {
                checks.Add(Ratio("batching ≥ 3× batching off (throughput)", m, 32, "maas-batch", "maas-nobatch", 3.0));
            }

            checks.Add(Ratio("Maas batching ≥ 10× Flask + PyTorch (throughput)", m, 32, "maas-batch", "flask", 10.0));
            checks.Add(P99("Maas batching p99 ≤ 1/5 of Flask + PyTorch p99", m, 32, "maas-batch", "flask", 0.2));
            checks.Add(Ratio("Maas batching ≥ 1.5× Node + onnxruntime-node (throughput)", m, 32, "maas-batch", "node", 1.5));
        }

        return checks;
    }

    private static TargetCheck Ratio(string target, ModelComparison m, int c, string ours, string theirs, double required)
    {
        var (a, b) = (m.Get(ours)?.At(c), m.Get(theirs)?.At(c));
        if (a is null || b is null || b.Throughput <= 0)
        {
            return new TargetCheck(target, m.Model, c, null, $"≥ {F(required)}", false, "not measured");
        }

        var ratio = Math.Round(a.Throughput / b.Throughput, 3);
        return new TargetCheck(target, m.Model, c, ratio, $"≥ {F(required)}", ratio >= required && a.Errors == 0,
            $"{a.Throughput.ToString("N0", CultureInfo.InvariantCulture)}/s vs {b.Throughput.ToString("N0", CultureInfo.InvariantCulture)}/s{(a.Errors > 0 ? $"; {a.Errors} Maas errors" : "")}");
    }

    private static TargetCheck P99(string target, ModelComparison m, int c, string ours, string theirs, double required)
    {
        var (a, b) = (m.Get(ours)?.At(c), m.Get(theirs)?.At(c));
        if (a is null || b is null || !(b.P99Ms > 0))
        {
            return new TargetCheck(target, m.Model, c, null, $"≤ {F(required)}", false, "not measured");
        }

        var ratio = Math.Round(a.P99Ms / b.P99Ms, 3);
        return new TargetCheck(target, m.Model, c, ratio, $"≤ {F(required)}", ratio <= required && a.Errors == 0,
            $"p99 {a.P99Ms.ToString("0.##", CultureInfo.InvariantCulture)} ms vs {b.P99Ms.ToString("0.##", CultureInfo.InvariantCulture)} ms");
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

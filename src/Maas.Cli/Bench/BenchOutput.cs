using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Maas.Cli.Bench;

/// <summary>Writes a run's levels as JSON (with the run's settings) or as CSV (one row per level).</summary>
internal static class BenchOutput
{
    public const string CsvHeader =
        "mode,load,requests,errors,seconds,throughput_rps,inferences_per_s,p50_ms,p90_ms,p95_ms,p99_ms,mean_ms,max_ms,windows,stable";

    public static string Csv(IEnumerable<LevelResult> levels)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in levels)
        {
            text.Append(string.Join(',', r.Mode, N(r.Load), N(r.Requests), N(r.Errors), N(r.Seconds), N(r.Throughput), N(r.InferencesPerSecond),
                N(r.P50Ms), N(r.P90Ms), N(r.P95Ms), N(r.P99Ms), N(r.MeanMs), N(r.MaxMs), N(r.Windows), r.Stable ? "true" : "false")).Append('\n');
        }

        return text.ToString();
    }

    public static string Json(string server, string reference, BenchProtocol protocol, BenchRequests requests, BenchPlan plan, IEnumerable<LevelResult> levels)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("server", server);
            w.WriteString("model", reference);
            w.WriteString("protocol", protocol.ToString().ToLowerInvariant());
            w.WriteString("route", "/" + requests.Path);
            w.WriteString("inputs", requests.Source);
            w.WriteNumber("batch", plan.Batch);
            w.WriteNumber("warmup_s", plan.Warmup.TotalSeconds);
            w.WriteNumber("window_s", plan.Window.TotalSeconds);
            w.WriteNumber("max_windows", plan.MaxWindows);
            w.WriteNumber("stability_tolerance", plan.StabilityTolerance);
            w.WriteStartArray("levels");
            foreach (var r in levels)
            {
                w.WriteStartObject();
                w.WriteString("mode", r.Mode);
                w.WriteNumber(r.Mode, r.Load);
                w.WriteNumber("requests", r.Requests);
                w.WriteNumber("errors", r.Errors);
                w.WriteStartObject("errors_by_status");
                foreach (var (status, count) in r.ErrorsByStatus.OrderBy(e => e.Key))
                {
                    w.WriteNumber(status == 0 ? "transport" : status.ToString(CultureInfo.InvariantCulture), count);
                }

                w.WriteEndObject();
                w.WriteNumber("seconds", r.Seconds);
                w.WriteNumber("throughput_rps", r.Throughput);
                w.WriteNumber("inferences_per_s", r.InferencesPerSecond);
                Number(w, "p50_ms", r.P50Ms);
                Number(w, "p90_ms", r.P90Ms);
                Number(w, "p95_ms", r.P95Ms);
                Number(w, "p99_ms", r.P99Ms);
                Number(w, "mean_ms", r.MeanMs);
                Number(w, "max_ms", r.MaxMs);
                w.WriteNumber("windows", r.Windows);
                w.WriteBoolean("stable", r.Stable);
                w.WriteStartArray("window_throughputs");
                foreach (var t in r.WindowThroughputs)
                {
                    w.WriteNumberValue(t);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // A level with no successful request has no latency: null in JSON rather than an invalid NaN.
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsNaN(value))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value);
        }
    }

    private static string N(double value) => double.IsNaN(value) ? "" : value.ToString("0.###", CultureInfo.InvariantCulture);
}

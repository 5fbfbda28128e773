using System.Text;
using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>One input tensor of one request row: <c>[1, width]</c>, FP32 or INT64.</summary>
internal sealed record RowInput(string Name, string Datatype, float[]? Floats, long[]? Longs)
{
    public int Width => Floats?.Length ?? Longs!.Length;
}

/// <summary>
/// What every server in the comparison is sent for one model: the rows of its expected.json, each one KServe V2 JSON
/// request of one row, and PyTorch's answer for each row. bert-tiny-sentiment goes as raw tensors (input_ids,
/// attention_mask, token_type_ids from the classification rows, right-padded with [PAD]=0 and mask 0 to the longest
/// row), so every server does the same tensor work and no tokenizer is measured.
/// </summary>
internal sealed record Workload(string Model, string OnnxPath, IReadOnlyList<RowInput[]> Rows, float[][] Expected, string Description)
{
    public const double Tolerance = 1e-4;

    public IReadOnlyList<byte[]> Bodies { get; } = [.. Rows.Select(Body)];

    public static Workload Load(string modelsDir, string model)
    {
        var folder = Path.Combine(modelsDir, model);
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "expected.json")));
        var root = document.RootElement;
        var onnx = Path.Combine(folder, "model.onnx");
        if (root.TryGetProperty("classification", out var classification))
        {
            var rows = classification.EnumerateArray().ToList();
            var length = rows.Max(r => r.GetProperty("input_ids").GetArrayLength());
            return new Workload(
                model,
                onnx,
                [.. rows.Select(r => new[] { Padded(r, "input_ids", length), Padded(r, "attention_mask", length), Padded(r, "token_type_ids", length) })],
                [.. rows.Select(r => Floats(r.GetProperty("logits")))],
                $"{rows.Count} classification rows of expected.json as INT64 input_ids/attention_mask/token_type_ids `[1,{length}]` (right-padded with 0 to the longest row); answer: logits `[1,2]`");
        }

        var inputs = root.GetProperty("inputs").GetProperty("x").EnumerateArray().ToList();
        return new Workload(
            model,
            onnx,
            [.. inputs.Select(x => new[] { new RowInput("x", "FP32", Floats(x), null) })],
            [.. root.GetProperty("outputs").GetProperty("y").EnumerateArray().Select(Floats)],
            $"{inputs.Count} rows of expected.json, FP32 x `[1,{inputs[0].GetArrayLength()}]` per request; answer: y `[1,1]`");
    }

    public void Check(string who, int row, IReadOnlyList<float> actual)
    {
        var expected = Expected[row];
        if (actual.Count != expected.Length || expected.Where((e, i) => !(Math.Abs(actual[i] - e) <= Tolerance)).Any())
        {
            throw new BenchException($"{who} on {Model}: row {row} answered [{string.Join(", ", actual)}], expected.json says [{string.Join(", ", expected)}] (tolerance {Tolerance})");
        }
    }

    private static RowInput Padded(JsonElement row, string name, int length)
    {
        var values = new long[length];
        var i = 0;
        foreach (var v in row.GetProperty(name).EnumerateArray())
        {
            values[i++] = v.GetInt64();
        }

        return new RowInput(name, "INT64", null, values);
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    private static byte[] Body(RowInput[] row)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("inputs"u8);
            foreach (var input in row)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, input.Name);
                w.WriteStartArray("shape"u8);
                w.WriteNumberValue(1);
                w.WriteNumberValue(input.Width);
                w.WriteEndArray();
                w.WriteString("datatype"u8, input.Datatype);
                w.WriteStartArray("data"u8);
                if (input.Floats is { } floats)
                {
                    foreach (var f in floats)
                    {
                        w.WriteNumberValue(f);
                    }
                }
                else
                {
                    foreach (var l in input.Longs!)
                    {
                        w.WriteNumberValue(l);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The bodies as wrk's Lua script reads them: one JSON document per line.</summary>
    public string BodiesFileText() => string.Join('\n', Bodies.Select(Encoding.UTF8.GetString)) + "\n";
}

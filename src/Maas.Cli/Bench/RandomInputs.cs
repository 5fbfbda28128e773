using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Maas.Cli.Bench;

/// <summary>
/// Request bodies of random data matching a model's signature (from <c>GET /v2/models/{name}</c>): the first dimension
/// is the batch, other dynamic (-1) dimensions are 1 unless <c>--shape NAME=D1,D2</c> gives them. Seeded, so two runs
/// send the same bytes.
/// </summary>
internal static class RandomInputs
{
    private const int Variants = 8;

    public static BenchRequests Create(
        BenchProtocol protocol, string reference, JsonObject metadata, int batch, IReadOnlyDictionary<string, long[]> shapes, int seed = 42)
    {
        var inputs = metadata["inputs"] as JsonArray ?? throw new CliException($"the server's metadata for {reference} lists no inputs");
        var random = new Random(seed);
        var bodies = new List<byte[]>();
        for (var v = 0; v < Variants; v++)
        {
            var tensors = new List<(string Name, string Datatype, long[] Shape, JsonArray Data)>();
            foreach (var input in inputs.OfType<JsonObject>())
            {
                var name = input["name"]!.GetValue<string>();
                var datatype = input["datatype"]!.GetValue<string>();
                var shape = ShapeOf(name, input["shape"]!.AsArray(), batch, shapes);
                tensors.Add((name, datatype, shape, RandomData(name, datatype, shape.Aggregate(1L, (a, b) => a * b), random)));
            }

            bodies.Add(Encoding.UTF8.GetBytes(protocol == BenchProtocol.Predict ? PredictBody(tensors, batch) : V2Body(tensors)));
        }

        var described = string.Join(", ", shapes.Count == 0 ? inputs.OfType<JsonObject>().Select(i => i["name"]!.GetValue<string>()) : shapes.Keys);
        return new BenchRequests(BenchRequests.PathFor(protocol, reference), bodies, $"random data for {described}, batch {batch}, {Variants} variants");
    }

    public static long[] ShapeOf(string name, JsonArray declared, int batch, IReadOnlyDictionary<string, long[]> shapes)
    {
        if (shapes.TryGetValue(name, out var given))
        {
            // --shape names the dimensions after the batch, as perf_analyzer's --shape does for batched models.
            return [batch, .. given];
        }

        var shape = declared.Select(d => d!.GetValue<long>()).ToArray();
        if (shape.Length == 0)
        {
            return shape;
        }

        shape[0] = batch;
        for (var i = 1; i < shape.Length; i++)
        {
            shape[i] = shape[i] < 0 ? 1 : shape[i];
        }

        return shape;
    }

    private static JsonArray RandomData(string name, string datatype, long count, Random random)
    {
        var data = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            data.Add(datatype switch
            {
                "FP32" or "FP16" or "BF16" or "FP64" => JsonValue.Create(Math.Round(random.NextDouble() * 2 - 1, 4)),
                "BOOL" => JsonValue.Create(random.Next(2) == 1),
                "BYTES" => JsonValue.Create("bench " + random.Next(1000).ToString(CultureInfo.InvariantCulture)),
                // Integers index embeddings, so only values every model accepts: masks 1, token ids below 100 (any
                // vocabulary is larger), everything else (token types, positions) 0.
                _ when name.Contains("mask", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(1),
                _ when name.Contains("input_ids", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(random.Next(1, 100)),
                _ => JsonValue.Create(0),
            });
        }

        return data;
    }

    private static string V2Body(List<(string Name, string Datatype, long[] Shape, JsonArray Data)> tensors)
    {
        var array = new JsonArray();
        foreach (var (name, datatype, shape, data) in tensors)
        {
            array.Add(new JsonObject
            {
                ["name"] = name,
                ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)JsonValue.Create(d))]),
                ["datatype"] = datatype,
                ["data"] = data,
            });
        }

        return new JsonObject { ["inputs"] = array }.ToJsonString();
    }

    private static string PredictBody(List<(string Name, string Datatype, long[] Shape, JsonArray Data)> tensors, int batch)
    {
        var instances = new JsonArray();
        for (var row = 0; row < batch; row++)
        {
            if (tensors.Count == 1)
            {
                instances.Add(Row(tensors[0], row, batch));
                continue;
            }

            var instance = new JsonObject();
            foreach (var tensor in tensors)
            {
                instance[tensor.Name] = Row(tensor, row, batch);
            }

            instances.Add(instance);
        }

        return new JsonObject { ["instances"] = instances }.ToJsonString();
    }

    /// <summary>One row of a batched tensor, nested to the per-row shape.</summary>
    private static JsonNode Row((string Name, string Datatype, long[] Shape, JsonArray Data) tensor, int row, int batch)
    {
        var perRow = tensor.Data.Count / batch;
        var values = tensor.Data.Skip(row * perRow).Take(perRow).Select(n => n!.DeepClone()).ToList();
        return Nest(values, tensor.Shape.AsSpan(1));
    }

    private static JsonNode Nest(List<JsonNode> values, ReadOnlySpan<long> shape)
    {
        if (shape.Length == 0)
        {
            return values[0];
        }

        var array = new JsonArray();
        var step = values.Count / (int)Math.Max(shape[0], 1);
        for (var i = 0; i < shape[0]; i++)
        {
            array.Add(Nest(values.GetRange(i * step, step), shape[1..]));
        }

        return array;
    }
}

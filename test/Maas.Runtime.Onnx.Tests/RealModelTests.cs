using System.Text.Json;
using Maas.Testing;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>The PyTorch-exported fixtures must give PyTorch's own answers through this backend.</summary>
public sealed class RealModelTests
{
    [Fact]
    public void Run_MlpRegressionRows_MatchesPyTorchOutputs()
    {
        var expected = Expected("mlp-regression");
        var rows = expected.GetProperty("inputs").GetProperty("x");
        var tolerance = expected.GetProperty("tolerance").GetProperty("atol").GetDouble();
        using var model = Load(SharedModels.PathOf("mlp-regression", "model.onnx"));

        using var response = Run(model, Fp32("x", [rows.GetArrayLength(), 10], Floats(rows)));

        var y = Assert.Single(response.Outputs);
        Assert.Equal("y", y.Name);
        Assert.Equal([rows.GetArrayLength(), 1L], y.Shape);
        AllClose(Floats(expected.GetProperty("outputs").GetProperty("y")), Floats(y), tolerance);
    }

    [Fact]
    public void Run_CnnReferencePixels_MatchesLogitsAndProbabilities()
    {
        var expected = Expected("cnn-cifar10");
        var tolerance = expected.GetProperty("tolerance");
        var results = expected.GetProperty("results").EnumerateArray().ToArray();
        var pixels = File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "reference_pixel_values.f32"));
        using var model = Load(SharedModels.PathOf("cnn-cifar10", "model.onnx"));

        using var response = Run(model, Tensors.Tensor.FromBytes("pixel_values", Tensors.TensorDataType.Fp32, [results.Length, 3, 32, 32], pixels));

        var logits = Assert.Single(response.Outputs);
        Assert.Equal([results.Length, 10L], logits.Shape);
        var actual = Floats(logits);
        for (var i = 0; i < results.Length; i++)
        {
            var row = actual.AsSpan(i * 10, 10).ToArray();
            AllClose(Floats(results[i].GetProperty("logits")), row, tolerance.GetProperty("logits_atol").GetDouble());
            AllClose(Floats(results[i].GetProperty("probabilities")), Softmax(row), tolerance.GetProperty("probabilities_atol").GetDouble());
        }
    }

    [Fact]
    public void Run_BertSentimentSentence_MatchesLogits()
    {
        var expected = Expected("bert-tiny-sentiment");
        var sentence = expected.GetProperty("classification")[0];
        using var model = Load(SharedModels.PathOf("bert-tiny-sentiment"));
        long[] shape = [1, sentence.GetProperty("input_ids").GetArrayLength()];

        using var response = Run(
            model,
            Int64("input_ids", shape, Longs(sentence.GetProperty("input_ids"))),
            Int64("attention_mask", shape, Longs(sentence.GetProperty("attention_mask"))),
            Int64("token_type_ids", shape, Longs(sentence.GetProperty("token_type_ids"))));

        var tolerance = expected.GetProperty("tolerance").GetProperty("logits_atol").GetDouble();
        AllClose(Floats(sentence.GetProperty("logits")), Floats(Assert.Single(response.Outputs)), tolerance);
    }

    [Fact]
    public void Run_Gpt2FirstStepWithEmptyCache_MatchesTopLogits()
    {
        var expected = Expected("gpt2-tiny");
        var generation = expected.GetProperty("generations")[0];
        var prompt = Longs(generation.GetProperty("prompt_ids"));
        using var model = Load(SharedModels.PathOf("gpt2-tiny"));
        var n = prompt.Length;
        List<Tensors.Tensor> inputs =
        [
            Int64("input_ids", [1, n], prompt),
            Int64("attention_mask", [1, n], [.. Enumerable.Repeat(1L, n)]),
            Int64("position_ids", [1, n], [.. Enumerable.Range(0, n).Select(i => (long)i)]),
        ];
        foreach (var name in model.Signature.Inputs.Select(i => i.Name).Where(i => i.StartsWith("past_key_values.", StringComparison.Ordinal)))
        {
            inputs.Add(Fp32(name, [1, 4, 0, 16], []));
        }

        using var response = Run(model, [.. inputs]);

        var logits = response.Outputs[0];
        Assert.Equal("logits", logits.Name);
        Assert.Equal([1, n, 459L], logits.Shape);
        Assert.Equal([1, 4, n, 16L], response.Outputs[1].Shape);
        var last = Floats(logits).AsSpan((n - 1) * 459, 459).ToArray();
        var top = generation.GetProperty("first_step");
        var topIds = Longs(top.GetProperty("top5_ids"));
        var tolerance = expected.GetProperty("tolerance").GetProperty("logits_atol").GetDouble();
        AllClose(Floats(top.GetProperty("top5_logits")), [.. topIds.Select(id => last[id])], tolerance);
    }

    [Theory]
    [InlineData("mlp-regression", "model.onnx")]
    [InlineData("cnn-cifar10", "model.onnx")]
    [InlineData("bert-tiny-sentiment", "model.onnx")]
    [InlineData("bert-tiny-sentiment", "embeddings.onnx")]
    [InlineData("bert-tiny-ner", "model.onnx")]
    [InlineData("gpt2-tiny", "onnx/model.onnx")]
    public void Load_RealModel_SignatureMatchesExportedGraph(string folder, string file)
    {
        var onnx = Expected(folder).GetProperty("onnx");
        var graph = onnx.TryGetProperty(file, out var perFile) ? perFile : onnx;

        using var model = Load(SharedModels.PathOf(folder), new Inference.ModelLoadSettings { ModelFile = file });

        Assert.Equal(file, model.ModelFile);
        AssertSpecs(graph.GetProperty("inputs"), model.Signature.Inputs);
        AssertSpecs(graph.GetProperty("outputs"), model.Signature.Outputs);
    }

    private static void AssertSpecs(JsonElement expected, IReadOnlyList<Models.TensorSpec> actual)
    {
        Assert.Equal(expected.EnumerateArray().Select(e => e.GetProperty("name").GetString()), actual.Select(s => s.Name));
        foreach (var (want, spec) in expected.EnumerateArray().Zip(actual))
        {
            var datatype = want.GetProperty("dtype").GetString() switch
            {
                "float32" => Tensors.TensorDataType.Fp32,
                "int64" => Tensors.TensorDataType.Int64,
                var other => throw new InvalidOperationException("fixture dtype " + other),
            };
            Assert.Equal(datatype, spec.DataType);
            long[] shape = [.. want.GetProperty("shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64() : -1)];
            Assert.Equal(shape, spec.Shape);
        }
    }

    private static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => (float)(e / sum))];
    }
}

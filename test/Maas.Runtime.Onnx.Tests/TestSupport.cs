using System.Runtime.InteropServices;
using System.Text.Json;
using Maas.Inference;
using Maas.Tensors;
using Maas.Testing;
using Microsoft.Extensions.Options;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>Shortcuts shared by the tests: a backend with default options, reference JSON, tensor readers.</summary>
internal static class TestSupport
{
    public static OnnxBackend Backend(OnnxOptions? options = null) => new(Options.Create(options ?? new OnnxOptions()));

    public static ILoadedModel Load(string path, ModelLoadSettings? settings = null) =>
        Backend().Load(path, settings ?? new ModelLoadSettings());

    /// <summary>Writes model bytes to <c>model.onnx</c> (or <paramref name="name"/>) in the folder and loads that file.</summary>
    public static ILoadedModel LoadBytes(TempDirectory folder, byte[] model, string name = "model.onnx")
    {
        var path = folder.Combine(name);
        File.WriteAllBytes(path, model);
        return Load(path);
    }

    public static JsonElement Expected(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedModels.PathOf(model, "expected.json")));
        return document.RootElement.Clone();
    }

    public static float[] Floats(JsonElement array) =>
        [.. array.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? Floats(e) : [e.GetSingle()])];

    public static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    public static float[] Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.Data.Span).ToArray();

    public static Tensor Fp32(string name, long[] shape, float[] values) => Tensor.FromArray(name, TensorDataType.Fp32, shape, values);

    public static Tensor Int64(string name, long[] shape, long[] values) => Tensor.FromArray(name, TensorDataType.Int64, shape, values);

    public static InferenceResponse Run(ILoadedModel model, params Tensor[] inputs)
    {
        using var request = new InferenceRequest(inputs);
        return model.Run(request);
    }

    public static void AllClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
        }
    }
}

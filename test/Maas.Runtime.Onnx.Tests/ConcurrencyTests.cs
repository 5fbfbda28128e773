using Maas.Errors;
using Maas.Tensors;
using Maas.Testing;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>One loaded model serves overlapping runs, and its lifetime is safe against them.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Run_ManyConcurrentCalls_AllReturnTheReferenceAnswer()
    {
        var expected = Expected("mlp-regression");
        var rows = expected.GetProperty("inputs").GetProperty("x");
        var want = Floats(expected.GetProperty("outputs").GetProperty("y"));
        var tolerance = expected.GetProperty("tolerance").GetProperty("atol").GetDouble();
        var input = Floats(rows);
        using var model = Load(SharedModels.PathOf("mlp-regression"));

        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var results = new List<float[]>();
            for (var i = 0; i < 50; i++)
            {
                // Each worker alternates single rows and the full batch, so runs of different shapes overlap.
                var row = (worker + i) % (rows.GetArrayLength() + 1);
                var batch = row == rows.GetArrayLength();
                var x = batch ? input : input.AsSpan(row * 10, 10).ToArray();
                using var response = Run(model, Fp32("x", [x.Length / 10, 10], x));
                var y = Floats(response.Outputs[0]);
                AllClose(batch ? want : [want[row]], y, tolerance);
                results.Add(y);
            }

            return results.Count;
        }));

        Assert.All(await Task.WhenAll(tasks), count => Assert.Equal(50, count));
    }

    [Fact]
    public void Response_OutlivesModelDispose_StillReadable()
    {
        using var folder = new TempDirectory();
        var model = LoadBytes(folder, OnnxModelBuilder.Add(TensorDataType.Fp32, [2]));
        using var response = Run(model, Fp32("a", [2], [1, 2]), Fp32("b", [2], [3, 4]));

        model.Dispose();

        Assert.Equal([4f, 6f], Floats(response.Outputs[0]));
    }

    [Fact]
    public void Run_AfterDispose_ThrowsUnavailable()
    {
        using var folder = new TempDirectory();
        var model = LoadBytes(folder, OnnxModelBuilder.Identity(TensorDataType.Fp32, [1]));
        model.Dispose();
        model.Dispose();

        var error = Assert.Throws<MaasException>(() => Run(model, Fp32("x", [1], [1])));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
    }
}

using System.Runtime.InteropServices;
using System.Text;
using Maas.Errors;
using Maas.Inference;
using Maas.Tensors;
using Maas.Testing;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>Every KServe datatype travels through ORT unchanged, on generated Identity/Add graphs.</summary>
public sealed class DataTypeTests
{
    public static TheoryData<TensorDataType> FixedSizeTypes =>
        [.. Enum.GetValues<TensorDataType>().Where(t => t != TensorDataType.Bytes)];

    [Theory]
    [MemberData(nameof(FixedSizeTypes))]
    public void Run_IdentityOfEveryFixedSizeType_ReturnsIdenticalBytes(TensorDataType type)
    {
        using var folder = new TempDirectory();
        using var model = LoadBytes(folder, OnnxModelBuilder.Identity(type, [-1, 3]));
        var data = new byte[2 * 3 * type.ElementSize()];
        for (var i = 0; i < data.Length; i++)
        {
            // BOOL must stay 0/1; everything else gets varied bytes (finite for the float types: high bytes < 0x70).
            data[i] = type == TensorDataType.Bool ? (byte)(i % 2) : (byte)((i * 37 + 11) % 0x70);
        }

        using var response = Run(model, Tensor.FromBytes("x", type, [2, 3], data));

        var y = Assert.Single(response.Outputs);
        Assert.Equal(("y", type), (y.Name, y.DataType));
        Assert.Equal([2, 3L], y.Shape);
        Assert.Equal(data, y.Data.ToArray());
        Assert.Equal(type, model.Signature.Inputs[0].DataType);
        Assert.Equal([-1, 3L], model.Signature.Inputs[0].Shape);
    }

    [Fact]
    public void Run_IdentityOfBytes_ReturnsIdenticalElements()
    {
        using var folder = new TempDirectory();
        using var model = LoadBytes(folder, OnnxModelBuilder.Identity(TensorDataType.Bytes, [-1]));
        byte[][] elements = [Encoding.UTF8.GetBytes("héllo wörld"), [], Encoding.UTF8.GetBytes("🙂"), [0x00, 0xFF, 0x41]];

        using var response = Run(model, Tensor.FromStrings("x", [elements.Length], elements));

        var y = Assert.Single(response.Outputs);
        Assert.Equal(TensorDataType.Bytes, y.DataType);
        Assert.Equal([elements.Length], y.Shape);
        Assert.Equal(elements, y.Strings);
        Assert.Equal(TensorDataType.Bytes, model.Signature.Outputs[0].DataType);
    }

    [Theory]
    [InlineData(TensorDataType.Fp32)]
    [InlineData(TensorDataType.Int64)]
    public void Run_AddWithTwoInputs_ReturnsElementwiseSum(TensorDataType type)
    {
        using var folder = new TempDirectory();
        using var model = LoadBytes(folder, OnnxModelBuilder.Add(type, [-1, 2]));
        double[] a = [1, 2, 3, 4, 5, 6];
        double[] b = [10, 20, 30, 40, 50, 60];

        using var response = Run(model, Make("a", type, a), Make("b", type, b));

        var sum = Assert.Single(response.Outputs);
        Assert.Equal("sum", sum.Name);
        Assert.Equal([3, 2L], sum.Shape);
        Assert.Equal(Make("sum", type, [.. a.Zip(b, (x, y) => x + y)]).Data.ToArray(), sum.Data.ToArray());
        Assert.Equal(["a", "b"], model.Signature.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void Run_FixedSizeOutput_PointsIntoOrtMemoryWithoutCopy()
    {
        using var folder = new TempDirectory();
        using var model = LoadBytes(folder, OnnxModelBuilder.Add(TensorDataType.Fp32, [2]));

        using var response = Run(model, Fp32("a", [2], [1, 2]), Fp32("b", [2], [3, 4]));

        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, NativeMemoryManager>(response.Outputs[0].Data, out _));
        Assert.False(MemoryMarshal.TryGetArray(response.Outputs[0].Data, out _));
    }

    [Fact]
    public void Run_RequestedOutputSubset_ReturnsOnlyThoseInRequestedOrder()
    {
        using var folder = new TempDirectory();
        var bytes = new OnnxModelBuilder()
            .Input("a", TensorDataType.Fp32, -1)
            .Input("b", TensorDataType.Fp32, -1)
            .Output("sum", TensorDataType.Fp32, -1)
            .Output("product", TensorDataType.Fp32, -1)
            .Output("difference", TensorDataType.Fp32, -1)
            .Node("Add", ["a", "b"], ["sum"])
            .Node("Mul", ["a", "b"], ["product"])
            .Node("Sub", ["a", "b"], ["difference"])
            .Build();
        using var model = LoadBytes(folder, bytes);
        using var request = new InferenceRequest([Fp32("a", [2], [3, 4]), Fp32("b", [2], [2, 5])])
        {
            RequestedOutputs = ["difference", "product"],
        };

        using var response = model.Run(request);

        Assert.Equal(["difference", "product"], response.Outputs.Select(o => o.Name));
        Assert.Equal([1f, -1f], Floats(response.Outputs[0]));
        Assert.Equal([6f, 20f], Floats(response.Outputs[1]));
    }

    [Fact]
    public void Run_ShapesTheGraphCannotBroadcast_ThrowsInvalidInputWithOrtReason()
    {
        using var folder = new TempDirectory();
        using var model = LoadBytes(folder, OnnxModelBuilder.Add(TensorDataType.Fp32, [-1, 3]));

        var error = Assert.Throws<MaasException>(() => Run(model, Fp32("a", [2, 3], new float[6]), Fp32("b", [4, 3], new float[12])));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("inference failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Add", error.Message, StringComparison.Ordinal);
    }

    private static Tensor Make(string name, TensorDataType type, double[] values) => type switch
    {
        TensorDataType.Fp32 => Tensor.FromArray(name, type, [values.Length / 2, 2], values.Select(v => (float)v).ToArray()),
        TensorDataType.Int64 => Tensor.FromArray(name, type, [values.Length / 2, 2], values.Select(v => (long)v).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

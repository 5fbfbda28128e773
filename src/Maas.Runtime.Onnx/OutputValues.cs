using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Maas.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>Presents ORT-allocated outputs as <see cref="Tensor"/>s that point into ORT's memory.</summary>
internal static class OutputValues
{
    public static unsafe Tensor ToTensor(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        if (!OnnxTypeMap.TryToKServe(info.ElementDataType, out var dataType))
        {
            throw new InvalidOperationException($"Output '{name}' has element type {info.ElementDataType}, which the signature should have refused.");
        }

        if (dataType == TensorDataType.Bytes)
        {
            var elements = new byte[info.ElementCount][];
            for (var i = 0; i < elements.Length; i++)
            {
                elements[i] = value.GetStringElementAsSpan(i).ToArray();
            }

            return Tensor.FromStrings(name, info.Shape, elements);
        }

        var bytes = value.GetTensorMutableRawData();
        if (bytes.IsEmpty)
        {
            return Tensor.FromBytes(name, dataType, info.Shape, ReadOnlyMemory<byte>.Empty);
        }

        var pointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
        return Tensor.FromBytes(name, dataType, info.Shape, new NativeMemoryManager(pointer, bytes.Length).Memory);
    }
}

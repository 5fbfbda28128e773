using System.Buffers;
using System.Runtime.InteropServices;
using Maas.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>Wraps request tensors as ORT inputs without copying their element bytes.</summary>
internal static class InputValues
{
    /// <summary>
    /// An OrtValue over the tensor's own memory, pinned by <paramref name="pin"/>: dispose the value first, then the
    /// pin, after the run. BYTES tensors are copied into an ORT string tensor, which has no other layout.
    /// </summary>
    public static unsafe OrtValue Create(Tensor tensor, out MemoryHandle pin)
    {
        pin = default;
        if (tensor.DataType == TensorDataType.Bytes)
        {
            return CreateStrings(tensor);
        }

        var elementType = OnnxTypeMap.ToOnnx(tensor.DataType);
        if (tensor.Data.IsEmpty)
        {
            // An empty tensor (such as a first-step KV cache [1,4,0,16]) has no buffer to pin.
            return OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, elementType, tensor.Shape);
        }

        pin = MemoryMarshal.AsMemory(tensor.Data).Pin();
        try
        {
            return OrtValue.CreateTensorValueWithData(
                OrtMemoryInfo.DefaultInstance, elementType, tensor.Shape, (IntPtr)pin.Pointer, tensor.Data.Length);
        }
        catch
        {
            pin.Dispose();
            pin = default;
            throw;
        }
    }

    private static OrtValue CreateStrings(Tensor tensor)
    {
        var strings = tensor.Strings ?? [];
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, tensor.Shape);
        try
        {
            for (var i = 0; i < strings.Count; i++)
            {
                value.StringTensorSetElementAt(strings[i], i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}

using Microsoft.ML.OnnxRuntime.Tensors;

namespace Maas.Llm.Models;

/// <summary>One graph input or output as ONNX Runtime reports it; -1 marks a symbolic dimension.</summary>
internal readonly record struct GraphValue(string Name, TensorElementType Type, int[] Dimensions);

using Maas.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm;

/// <summary>
/// Opens the ONNX Runtime session of an engine's decoder. The server passes its one session factory (Maas.Runtime.Onnx)
/// here, so <c>Maas:Onnx</c> reaches LLM sessions as it reaches tensor models', without this library referencing the
/// runtime. <paramref name="settings"/> carries the thread count the engine resolved and the model's own settings.
/// </summary>
public delegate InferenceSession DecoderSessionOpener(string modelPath, OnnxSessionSettings settings);

using Maas.Models;

namespace Maas.Inference;

/// <summary>An engine that can open a model artifact (a file or an unpacked folder) and run it.</summary>
public interface IModelBackend
{
    /// <summary>The KServe platform string, e.g. <c>onnxruntime_onnx</c>.</summary>
    string Platform { get; }

    /// <summary>
    /// Opens the model at <paramref name="path"/>: an ONNX file, or a folder in which the model file is found.
    /// Throws <see cref="Errors.MaasException"/> of kind InvalidModel, with the engine's reason, for anything
    /// that is not a loadable model.
    /// </summary>
    ILoadedModel Load(string path, ModelLoadSettings settings);
}

/// <summary>Per-model engine settings; zero or null means "use the server default".</summary>
public sealed record ModelLoadSettings
{
    public int IntraOpThreads { get; init; }

    public string? ModelFile { get; init; }

    /// <summary>Per-model session settings (maas.json <c>onnx</c>); <see cref="IntraOpThreads"/>, when set, wins over them.</summary>
    public OnnxSessionSettings? Onnx { get; init; }
}

/// <summary>A model opened by a backend, ready to run. Thread-safe: many requests may run at once.</summary>
public interface ILoadedModel : IDisposable
{
    ModelSignature Signature { get; }

    /// <summary>The model file that was opened, relative to the load path.</summary>
    string ModelFile { get; }

    /// <summary>
    /// Runs the model. Inputs have already been checked against <see cref="Signature"/> (names, datatypes, shapes,
    /// element counts); requested outputs exist. Engine failures caused by the input data surface as
    /// <see cref="Errors.MaasException"/> of kind InvalidInput.
    /// </summary>
    InferenceResponse Run(InferenceRequest request);
}

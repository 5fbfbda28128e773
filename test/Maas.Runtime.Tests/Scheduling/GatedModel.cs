using System.Collections.Concurrent;
using Maas.Inference;
using Maas.Models;
using Maas.Runtime.Onnx;
using Maas.Tensors;
using Maas.Testing;
using Microsoft.Extensions.Options;

namespace Maas.Runtime.Tests.Scheduling;

/// <summary>
/// A real ONNX Runtime identity model with two hooks for scheduler tests: every run's rows are recorded, and runs
/// can be held at a gate so requests pile up in the queue behind a busy engine.
/// </summary>
internal sealed class GatedModel : ILoadedModel
{
    private readonly ILoadedModel _inner;
    private readonly SemaphoreSlim _gate = new(0);
    private readonly SemaphoreSlim _entered = new(0);
    private readonly TempDirectory _folder = new("gated-model");
    private volatile bool _gated;

    public GatedModel(long[] shape, bool gated = true)
    {
        var file = _folder.Combine("model.onnx");
        File.WriteAllBytes(file, OnnxModelBuilder.Identity(TensorDataType.Fp32, shape));
        _inner = new OnnxBackend(Options.Create(new OnnxOptions())).Load(file, new ModelLoadSettings());
        _gated = gated;
    }

    /// <summary>The first values of every run's input, in run order: which requests ran together.</summary>
    public ConcurrentQueue<float[]> Runs { get; } = new();

    public ModelSignature Signature => _inner.Signature;

    public string ModelFile => _inner.ModelFile;

    public InferenceResponse Run(InferenceRequest request)
    {
        _entered.Release();
        if (_gated)
        {
            _gate.Wait(TimeSpan.FromSeconds(30));
        }

        var data = request.Inputs[0].Data.Span;
        Runs.Enqueue(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data).ToArray());
        return _inner.Run(request);
    }

    /// <summary>Waits until a run has started (and is held at the gate).</summary>
    public Task WaitForRunAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(30));

    public void Open()
    {
        _gated = false;
        _gate.Release(1000);
    }

    public void Dispose()
    {
        _inner.Dispose();
        _folder.Dispose();
    }
}

using System.Buffers;
using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>
/// One ORT session serving many concurrent runs. Inputs are read in place from request memory and outputs are
/// returned in ORT's memory, owned by the response. Dispose waits for no one: the session is released when the
/// last run that started before <see cref="Dispose"/> finishes, and later runs are refused.
/// </summary>
internal sealed class OnnxLoadedModel : ILoadedModel
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _allOutputs;

    // One reference for "not disposed" plus one per run in flight; the session is released at zero.
    private int _references = 1;
    private int _disposed;

    public OnnxLoadedModel(InferenceSession session, ModelSignature signature, string modelFile)
    {
        _session = session;
        Signature = signature;
        ModelFile = modelFile;
        _allOutputs = [.. signature.Outputs.Select(o => o.Name)];
    }

    public ModelSignature Signature { get; }

    public string ModelFile { get; }

    public InferenceResponse Run(InferenceRequest request)
    {
        if (!TryAddReference())
        {
            throw MaasException.Unavailable($"model file {ModelFile} has been unloaded", retryAfterSeconds: 1);
        }

        try
        {
            return RunCore(request);
        }
        finally
        {
            ReleaseReference();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReleaseReference();
        }
    }

    private InferenceResponse RunCore(InferenceRequest request)
    {
        var inputs = request.Inputs;
        var names = new string[inputs.Count];
        var values = new OrtValue?[inputs.Count];
        var pins = new MemoryHandle[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                names[i] = inputs[i].Name;
                values[i] = InputValues.Create(inputs[i], out pins[i]);
            }

            var outputNames = request.RequestedOutputs ?? _allOutputs;
            IDisposableReadOnlyCollection<OrtValue> results;
            try
            {
                results = _session.Run(_runOptions, names, values!, outputNames);
            }
            catch (OnnxRuntimeException ex)
            {
                throw OnnxRunErrors.Describe(ex, request);
            }

            try
            {
                var outputs = new Tensor[results.Count];
                var index = 0;
                foreach (var value in results)
                {
                    outputs[index] = OutputValues.ToTensor(outputNames[index], value);
                    index++;
                }

                return new InferenceResponse(outputs, results);
            }
            catch
            {
                results.Dispose();
                throw;
            }
        }
        finally
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                values[i]?.Dispose();
                pins[i].Dispose();
            }
        }
    }

    private bool TryAddReference()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private void ReleaseReference()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _session.Dispose();
            _runOptions.Dispose();
        }
    }
}

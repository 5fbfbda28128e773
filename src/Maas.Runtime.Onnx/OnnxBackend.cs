using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Runtime.Onnx.Protobuf;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>
/// Opens ONNX models with ONNX Runtime on the CPU. Register with
/// <c>services.AddOnnxRuntimeBackend(configuration)</c>; construct directly in tests with
/// <c>new OnnxBackend(Options.Create(new OnnxOptions()))</c>.
/// </summary>
public sealed class OnnxBackend : IModelBackend
{
    /// <summary>The KServe / Triton platform name of ONNX models.</summary>
    public const string PlatformName = "onnxruntime_onnx";

    private readonly OnnxSessionFactory _sessions;

    public OnnxBackend(IOptions<OnnxOptions> options)
        : this(new OnnxSessionFactory(options))
    {
    }

    /// <summary>For DI: shares the server's one session factory with the LLM engines.</summary>
    public OnnxBackend(OnnxSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _sessions = sessions;
    }

    public string Platform => PlatformName;

    public ILoadedModel Load(string path, ModelLoadSettings settings)
    {
        var location = ModelFileLocator.Locate(path, settings.ModelFile);

        // Before ORT sees the file: ORT would read whatever external data the model names. A lone file has no
        // folder of its own (a blob store keeps every upload side by side), so it may not name external data.
        ExternalDataScanner.Check(location.FullPath, location.RelativePath, allowExternalData: Directory.Exists(path));

        InferenceSession session;
        try
        {
            // A load call's thread count wins over the model's maas.json, which wins over Maas:Onnx.
            var onnx = settings.IntraOpThreads > 0
                ? (settings.Onnx ?? new OnnxSessionSettings()) with { IntraOpThreads = settings.IntraOpThreads }
                : settings.Onnx;
            session = _sessions.Open(location.FullPath, onnx);
        }
        catch (OnnxRuntimeException ex)
        {
            // ORT names files by their full paths; the client knows them relative to what it uploaded, and
            // server paths are none of its business.
            var reason = ex.Message
                .Replace(location.FullPath, location.RelativePath, StringComparison.Ordinal)
                .Replace(location.Folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
            throw MaasException.InvalidModel($"{location.RelativePath}: {reason}", ex);
        }

        try
        {
            return new OnnxLoadedModel(session, SignatureReader.Read(session, location.RelativePath), location.RelativePath);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}

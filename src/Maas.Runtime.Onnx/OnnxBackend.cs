using Maas.Errors;
using Maas.Inference;
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

    private readonly OnnxOptions _options;

    public OnnxBackend(IOptions<OnnxOptions> options)
    {
        _options = options.Value;
        var result = new OnnxOptionsValidator().Validate(Options.DefaultName, _options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxOptions), result.Failures);
        }
    }

    public string Platform => PlatformName;

    public ILoadedModel Load(string path, ModelLoadSettings settings)
    {
        var location = ModelFileLocator.Locate(path, settings.ModelFile);

        // Before ORT sees the file: ORT would read whatever external data the model names. A lone file has no
        // folder of its own (a blob store keeps every upload side by side), so it may not name external data.
        ExternalDataScanner.Check(location.FullPath, location.RelativePath, allowExternalData: Directory.Exists(path));

        InferenceSession session;
        using (var sessionOptions = SessionOptionsFactory.Create(_options, settings))
        {
            try
            {
                session = new InferenceSession(location.FullPath, sessionOptions);
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

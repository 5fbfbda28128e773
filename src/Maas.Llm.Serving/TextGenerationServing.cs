using System.Text.Json;
using Maas.Errors;
using Maas.Models;
using Maas.Llm.Serving.Prompts;
using Maas.Runtime.Manifests;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;
using Maas.Storage;
using Maas.Tokenizers;

namespace Maas.Llm.Serving;

/// <summary>
/// The <c>text-generation</c> task: a version gets its own <see cref="GenerationEngine"/> (its own ORT session, no
/// tensor runner), the folder's tokenizer and its parsed chat template, bundled as an <see cref="LlmModel"/>.
/// </summary>
internal sealed class TextGenerationServing(LlmServingOptions options, DecoderSessionOpener? openSession = null) : ITaskServing
{
    public bool UsesTensorRunner => false;

    public bool Serves(string task) => task == TaskNames.TextGeneration;

    public void Validate(ModelManifest manifest, string modelPath)
    {
        // Everything that can be checked without a second ORT session: the loader opens the engine right after.
        RequireFolder(modelPath);
        LoadTokenizer(modelPath);
        ChatTemplate.Load(modelPath, new Dictionary<string, string>());
        ReadOverrides(manifest);
        using var config = ManifestJson.Read(modelPath, "config.json");
    }

    public IDisposable Open(ModelVersionRecord version, string modelPath, IInferenceRunner? runner)
    {
        RequireFolder(modelPath);
        var manifest = ManifestReader.ForVersion(version, modelPath);
        var tokenizer = LoadTokenizer(modelPath);
        var template = ChatTemplate.Load(modelPath, tokenizer.Config);
        var engineOptions = EngineSettings.Resolve(options, ReadOverrides(manifest), manifest, NullIfEmpty(version.ModelFile));
        engineOptions.OpenSession = openSession;
        var engine = GenerationEngine.Load(modelPath, engineOptions);
        return new LlmModel(version.Name, version.Version, engine, tokenizer, template);
    }

    private static void RequireFolder(string modelPath)
    {
        if (!Directory.Exists(modelPath))
        {
            throw MaasException.InvalidModel(
                "a text-generation model must be pushed as a folder (zip or tar.gz) with tokenizer.json and config.json beside the ONNX file");
        }
    }

    private static HfTokenizer LoadTokenizer(string modelPath)
    {
        var path = Path.Combine(modelPath, "tokenizer.json");
        if (!File.Exists(path))
        {
            throw MaasException.InvalidModel("text-generation model: tokenizer.json is missing from the folder");
        }

        try
        {
            return HfTokenizer.Load(path);
        }
        catch (Exception ex) when (ex is TokenizerLoadException or JsonException or IOException or FormatException or InvalidOperationException)
        {
            throw MaasException.InvalidModel("text-generation model: tokenizer.json or tokenizer_config.json cannot be used: " + ex.Message, ex);
        }
    }

    /// <summary>maas.json <c>llm</c> as the manifest stored it, checked against the engine's settings.</summary>
    private static LlmServingOptions? ReadOverrides(ModelManifest manifest)
    {
        if (manifest.Llm is not { } llm)
        {
            return null;
        }

        try
        {
            return llm.Deserialize(ServingJsonContext.Default.LlmServingOptions);
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel("maas.json: 'llm' must be an object of engine settings: " + ex.Message, ex);
        }
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}

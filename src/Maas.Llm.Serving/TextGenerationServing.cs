using System.Text.Json;
using Maas.Errors;
using Maas.Llm.Serving.Prompts;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;
using Maas.Storage;
using Maas.Tokenizers;

namespace Maas.Llm.Serving;

/// <summary>
/// The <c>text-generation</c> task: a version gets its own <see cref="GenerationEngine"/> (its own ORT session, no
/// tensor runner), the folder's tokenizer and its parsed chat template, bundled as an <see cref="LlmModel"/>.
/// </summary>
internal sealed class TextGenerationServing(LlmServingOptions options) : ITaskServing
{
    public bool UsesTensorRunner => false;

    public bool Serves(string task) => task == TaskNames.TextGeneration;

    public void Validate(string task, string modelPath)
    {
        // Everything that can be checked without a second ORT session: the loader opens the engine right after.
        RequireFolder(modelPath);
        LoadTokenizer(modelPath);
        ChatTemplate.Load(modelPath, new Dictionary<string, string>());
        ReadOverrides(modelPath);
        using var config = ReadJson(modelPath, "config.json");
    }

    public IDisposable Open(ModelVersionRecord version, string modelPath, IInferenceRunner? runner)
    {
        RequireFolder(modelPath);
        var tokenizer = LoadTokenizer(modelPath);
        var template = ChatTemplate.Load(modelPath, tokenizer.Config);
        var engineOptions = options.With(ReadOverrides(modelPath)).ToEngineOptions(NullIfEmpty(version.ModelFile));
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

    private static LlmServingOptions? ReadOverrides(string modelPath)
    {
        using var manifest = ReadJson(modelPath, "maas.json");
        if (manifest?.RootElement.ValueKind != JsonValueKind.Object || !manifest.RootElement.TryGetProperty("llm", out var llm))
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

    private static JsonDocument? ReadJson(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{file} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}

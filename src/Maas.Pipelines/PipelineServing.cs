using Maas.Errors;
using Maas.Models;
using Maas.Pipelines.Classification;
using Maas.Pipelines.Configuration;
using Maas.Pipelines.Embeddings;
using Maas.Pipelines.Images;
using Maas.Pipelines.Outputs;
using Maas.Pipelines.Text;
using Maas.Pipelines.TokenClassification;
using Maas.Runtime.Manifests;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;
using Maas.Storage;
using Maas.Tensors;
using Maas.Tokenizers;
using Maas.Vision;

namespace Maas.Pipelines;

/// <summary>
/// Serves the Hugging Face tasks on top of a version's tensor runner. <see cref="Validate"/> reads everything the task
/// needs at push time, so an unsupported tokenizer or preprocessor is a 422 naming it, never a failed load later.
/// </summary>
internal sealed class PipelineServing : ITaskServing
{
    public bool UsesTensorRunner => true;

    public bool Serves(string task) => PipelineTasks.IsPipeline(task);

    public void Validate(ModelManifest manifest, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var task = manifest.Task;
        EnsureFolder(task, modelPath);
        if (task == TaskNames.ImageClassification)
        {
            LoadPreprocessor(modelPath);
        }
        else
        {
            LoadTokenizer(task, modelPath);
        }
    }

    public IDisposable Open(ModelVersionRecord version, string modelPath, IInferenceRunner? runner)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(runner);
        EnsureFolder(version.Task, modelPath);
        var settings = PipelineSettings.From(ManifestReader.ForVersion(version, modelPath));
        var signature = version.Signature;
        var scorer = new LabelScorer(settings.Labels, settings.MultiLabel);
        return version.Task switch
        {
            TaskNames.ImageClassification => OpenImage(modelPath, signature, runner, scorer),
            TaskNames.TextClassification => new TextClassificationPipeline(Text(version, modelPath, settings, runner, "logits"), scorer),
            TaskNames.TokenClassification => OpenTokens(version, modelPath, settings, runner, scorer),
            _ => OpenEmbeddings(version, modelPath, settings, runner),
        };
    }

    private static TokenClassificationPipeline OpenTokens(
        ModelVersionRecord version, string modelPath, PipelineSettings settings, IInferenceRunner runner, LabelScorer scorer)
    {
        var text = Text(version, modelPath, settings, runner, "logits");
        return new TokenClassificationPipeline(text, new EntityGrouper(scorer, text.Encoder.Tokenizer));
    }

    private static EmbeddingPipeline OpenEmbeddings(ModelVersionRecord version, string modelPath, PipelineSettings settings, IInferenceRunner runner)
    {
        var text = Text(version, modelPath, settings, runner, "sentence_embedding", "last_hidden_state", "token_embeddings");
        var output = OutputReader.Choose(version.Signature, "sentence_embedding", "last_hidden_state", "token_embeddings");
        var size = output.Shape.Length is 2 or 3 && output.Shape[^1] > 0 ? (int)output.Shape[^1] : (int?)null;
        return new EmbeddingPipeline(text, settings.Pooling, settings.Normalize, size);
    }

    private static TextRunner Text(
        ModelVersionRecord version, string modelPath, PipelineSettings settings, IInferenceRunner runner, params string[] outputs)
    {
        var output = OutputReader.Choose(version.Signature, outputs);
        OutputReader.EnsureFloat(output);
        var encoder = new TextBatchEncoder(LoadTokenizer(version.Task, modelPath), version.Signature, settings.MaxLength, settings.PadToMultipleOf);
        return new TextRunner(encoder, runner, output.Name);
    }

    private static ImageClassificationPipeline OpenImage(string modelPath, ModelSignature signature, IInferenceRunner runner, LabelScorer scorer)
    {
        var preprocessor = new ImagePreprocessor(LoadPreprocessor(modelPath), ImageLimits.Default);
        if (signature.Inputs.Count != 1)
        {
            throw MaasException.InvalidModel($"an image model takes one input, this one has {signature.Inputs.Count}");
        }

        var input = signature.Inputs[0];
        if (input.DataType != TensorDataType.Fp32
            || !input.Accepts([1, preprocessor.Channels, preprocessor.Height, preprocessor.Width]))
        {
            throw MaasException.InvalidModel(
                $"input '{input.Name}' is {input.DataType.ToKServeName()} {DataTypes.FormatShape(input.Shape)}; preprocessor_config.json makes FP32 [-1,3,{preprocessor.Height},{preprocessor.Width}]");
        }

        var output = OutputReader.Choose(signature, "logits");
        OutputReader.EnsureFloat(output);
        return new ImageClassificationPipeline(preprocessor, runner, input, output.Name, scorer);
    }

    private static HfTokenizer LoadTokenizer(string task, string modelPath)
    {
        var path = Path.Combine(modelPath, "tokenizer.json");
        if (!File.Exists(path))
        {
            throw MaasException.InvalidModel($"a {task} model needs tokenizer.json in the folder");
        }

        try
        {
            return HfTokenizer.Load(path);
        }
        catch (TokenizerLoadException ex)
        {
            throw MaasException.InvalidModel($"tokenizer.json: {ex.Message}", ex);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw MaasException.InvalidModel($"tokenizer.json or tokenizer_config.json is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ImagePreprocessorConfig LoadPreprocessor(string modelPath)
    {
        var path = Path.Combine(modelPath, "preprocessor_config.json");
        if (!File.Exists(path))
        {
            throw MaasException.InvalidModel("an image-classification model needs preprocessor_config.json in the folder");
        }

        try
        {
            var config = ImagePreprocessorConfig.Parse(File.ReadAllText(path));
            _ = new ImagePreprocessor(config, ImageLimits.Default);
            return config;
        }
        catch (ImageConfigException ex)
        {
            throw MaasException.InvalidModel(ex.Message, ex);
        }
    }

    private static void EnsureFolder(string task, string modelPath)
    {
        if (!Directory.Exists(modelPath))
        {
            throw MaasException.InvalidModel($"a {task} model must be pushed as a folder with its tokenizer or preprocessor files");
        }
    }
}

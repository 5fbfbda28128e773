using System.Text.Json;

namespace Maas.Models;

/// <summary>
/// Everything a model folder says about how to serve it, read once at push (by <c>ManifestReader</c> in Maas.Runtime)
/// and stored with the version, so no one re-reads <c>maas.json</c>, <c>config.json</c> and friends at load.
/// It lives in Abstractions rather than Runtime because <see cref="Storage.ModelVersionRecord"/> carries it and the
/// registry stores it, and both sit below the runtime; reading and validating the folder is the runtime's job.
/// Values already merged where a file overrides another (maas.json over config.json and sentence-transformers files).
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The task the version serves (<c>maas.json</c> <c>task</c>, else detected from files and signature).</summary>
    public string Task { get; init; } = "tensor";

    /// <summary>maas.json <c>task</c>, when the folder declares one (it wins over detection).</summary>
    public string? DeclaredTask { get; init; }

    /// <summary>The ONNX file served, relative to the folder (<c>model.onnx</c> for a single-file upload).</summary>
    public string ModelFile { get; init; } = "model.onnx";

    /// <summary>Label names by class index, from maas.json <c>labels</c> or config.json <c>id2label</c>; null when none.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Whether either file names labels at all (task detection counts an empty map too).</summary>
    public bool HasLabels { get; init; }

    /// <summary>maas.json <c>problem_type</c> over config.json's (e.g. <c>multi_label_classification</c>).</summary>
    public string? ProblemType { get; init; }

    /// <summary><c>mean</c> or <c>cls</c>: maas.json <c>pooling</c>, else sentence-transformers' pooling config.</summary>
    public string? Pooling { get; init; }

    /// <summary>maas.json <c>normalize</c>, else whether sentence-transformers' modules include Normalize; null when neither says.</summary>
    public bool? Normalize { get; init; }

    /// <summary>maas.json <c>max_length</c>.</summary>
    public int? MaxLength { get; init; }

    /// <summary>config.json <c>max_position_embeddings</c>.</summary>
    public int? MaxPositionEmbeddings { get; init; }

    /// <summary>maas.json <c>pad_to_multiple_of</c>.</summary>
    public int? PadToMultipleOf { get; init; }

    /// <summary>maas.json batching keys (<c>max_batch_size</c>, <c>max_queue_delay_ms</c>, <c>max_queue_size</c>, <c>instances</c>) present.</summary>
    public IReadOnlyDictionary<string, long>? Batching { get; init; }

    /// <summary>maas.json <c>onnx</c>: per-model ONNX Runtime session settings over <c>Maas:Onnx</c>.</summary>
    public Inference.OnnxSessionSettings? Onnx { get; init; }

    /// <summary>maas.json <c>llm</c>, kept as JSON: its settings belong to the LLM serving layer, which validates them at push.</summary>
    public JsonElement? Llm { get; init; }

    /// <summary>config.json <c>architectures</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>Which of the companion files the serving layers know (<see cref="KnownFiles"/>) the folder has.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Things in maas.json that were accepted but ignored (unknown keys), shown to whoever pushed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The companion files recorded in <see cref="Files"/>.</summary>
    public static IReadOnlyList<string> KnownFiles { get; } =
    [
        "maas.json", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "preprocessor_config.json", "chat_template.jinja", "modules.json", "1_Pooling/config.json",
    ];

    public bool HasFile(string name) => Files.Contains(name, StringComparer.Ordinal);
}

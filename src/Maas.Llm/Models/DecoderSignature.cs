using System.Globalization;
using Maas.Errors;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Maas.Llm.Models;

/// <summary>
/// The Hugging Face "with past" decoder layout found in a graph: which optional inputs exist and the cache shape.
/// Separate from the session so the detection (plain vs merged <c>use_cache_branch</c> export) is testable on
/// hand-written metadata.
/// </summary>
internal sealed record DecoderSignature(
    int Layers,
    int? KeyValueHeads,
    int? HeadDim,
    int? VocabSize,
    bool HasPositionIds,
    bool HasCacheBranch)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string CacheBranch = "use_cache_branch";
    public const string Logits = "logits";

    public static string PastName(int layer, bool value) =>
        string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.{(value ? "value" : "key")}");

    public static string PresentName(int layer, bool value) =>
        string.Create(CultureInfo.InvariantCulture, $"present.{layer}.{(value ? "value" : "key")}");

    /// <summary>Input names in the order <see cref="DecoderModel"/> feeds them: ids, mask, optional inputs, then the cache.</summary>
    public IReadOnlyList<string> InputNames()
    {
        List<string> names = [InputIds, AttentionMask];
        if (HasPositionIds)
        {
            names.Add(PositionIds);
        }

        if (HasCacheBranch)
        {
            names.Add(CacheBranch);
        }

        for (var layer = 0; layer < Layers; layer++)
        {
            names.Add(PastName(layer, value: false));
            names.Add(PastName(layer, value: true));
        }

        return names;
    }

    /// <summary>Output names: logits, then the cache in the same order as the past inputs.</summary>
    public IReadOnlyList<string> OutputNames()
    {
        List<string> names = [Logits];
        for (var layer = 0; layer < Layers; layer++)
        {
            names.Add(PresentName(layer, value: false));
            names.Add(PresentName(layer, value: true));
        }

        return names;
    }

    public static DecoderSignature Read(IReadOnlyList<GraphValue> inputs, IReadOnlyList<GraphValue> outputs)
    {
        var byName = inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        Require(byName, InputIds, TensorElementType.Int64);
        Require(byName, AttentionMask, TensorElementType.Int64);
        var hasPositionIds = byName.ContainsKey(PositionIds) && Require(byName, PositionIds, TensorElementType.Int64);
        var hasCacheBranch = byName.ContainsKey(CacheBranch) && Require(byName, CacheBranch, TensorElementType.Bool);

        var layers = 0;
        while (byName.ContainsKey(PastName(layers, value: false)))
        {
            layers++;
        }

        if (layers == 0)
        {
            throw MaasException.InvalidModel(
                "the graph has no past_key_values.0.key input; export it with optimum's text-generation-with-past task");
        }

        int? heads = null, headDim = null;
        for (var layer = 0; layer < layers; layer++)
        {
            foreach (var value in new[] { false, true })
            {
                var past = Require(byName, PastName(layer, value));
                (heads, headDim) = (Agree(heads, past.Dimensions[1], past.Name), Agree(headDim, past.Dimensions[3], past.Name));
            }
        }

        var known = new HashSet<string>(InputNamesOf(layers, hasPositionIds, hasCacheBranch), StringComparer.Ordinal);
        if (inputs.FirstOrDefault(i => !known.Contains(i.Name)) is { Name: not null } unknown)
        {
            throw MaasException.InvalidModel($"decoder input '{unknown.Name}' is not supported (expected the optimum with-past layout)");
        }

        var outputByName = outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var logits = outputByName.TryGetValue(Logits, out var l) && l.Type == TensorElementType.Float && l.Dimensions.Length == 3
            ? l
            : throw MaasException.InvalidModel("the graph needs a float32 'logits' output shaped [batch, sequence, vocab]");
        for (var layer = 0; layer < layers; layer++)
        {
            if (!outputByName.ContainsKey(PresentName(layer, value: false)) || !outputByName.ContainsKey(PresentName(layer, value: true)))
            {
                throw MaasException.InvalidModel($"the graph has no {PresentName(layer, value: false)}/value output for its past input");
            }
        }

        return new DecoderSignature(layers, heads, headDim, Known(logits.Dimensions[2]), hasPositionIds, hasCacheBranch);
    }

    private static IEnumerable<string> InputNamesOf(int layers, bool positionIds, bool cacheBranch) =>
        new DecoderSignature(layers, null, null, null, positionIds, cacheBranch).InputNames();

    private static bool Require(Dictionary<string, GraphValue> inputs, string name, TensorElementType type)
    {
        if (!inputs.TryGetValue(name, out var input))
        {
            throw MaasException.InvalidModel($"the graph has no '{name}' input");
        }

        return input.Type == type
            ? true
            : throw MaasException.InvalidModel($"input '{name}' is {input.Type}; expected {type}");
    }

    private static GraphValue Require(Dictionary<string, GraphValue> inputs, string pastName)
    {
        if (!inputs.TryGetValue(pastName, out var past))
        {
            throw MaasException.InvalidModel($"the graph has no '{pastName}' input");
        }

        // Only float32 caches for now: fp16 exports would need conversion on every gather and scatter.
        if (past.Type != TensorElementType.Float || past.Dimensions.Length != 4)
        {
            throw MaasException.InvalidModel($"input '{pastName}' must be float32 [batch, heads, past, head_dim]; it is {past.Type} of rank {past.Dimensions.Length}");
        }

        return past;
    }

    private static int? Agree(int? seen, int dimension, string name)
    {
        var value = Known(dimension);
        return seen is { } s && value is { } v && s != v
            ? throw MaasException.InvalidModel($"input '{name}' has dimension {v} where other cache inputs have {s}")
            : value ?? seen;
    }

    private static int? Known(int dimension) => dimension > 0 ? dimension : null;
}

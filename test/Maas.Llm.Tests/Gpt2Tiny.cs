using System.Text.Json;
using Maas.Testing;

namespace Maas.Llm.Tests;

/// <summary>The gpt2-tiny fixture and the reference answers of its expected.json.</summary>
internal static class Gpt2Tiny
{
    private static readonly Lazy<Reference> Loaded = new(Load);

    public static string Folder => SharedModels.PathOf("gpt2-tiny");

    public static IReadOnlyList<ReferenceGeneration> Generations => Loaded.Value.Generations;

    public static float LogitsTolerance => Loaded.Value.Tolerance;

    public static int MaxNewTokens => Loaded.Value.MaxNewTokens;

    public static TheoryData<int> GenerationIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Generations.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static GenerationEngine Engine(GenerationEngineOptions? options = null, TimeProvider? time = null) =>
        GenerationEngine.Load(Folder, options ?? new GenerationEngineOptions { IntraOpThreads = 1 }, time, new Random(1234));

    private static Reference Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "expected.json")));
        var root = document.RootElement;
        var generations = root.GetProperty("generations").EnumerateArray().Select(g => new ReferenceGeneration(
            g.GetProperty("prompt").GetString()!,
            Ints(g.GetProperty("prompt_ids")),
            Ints(g.GetProperty("generated_ids")),
            Ints(g.GetProperty("first_step").GetProperty("top5_ids")),
            Floats(g.GetProperty("first_step").GetProperty("top5_logits")),
            Floats(g.GetProperty("greedy_step_logits")))).ToArray();

        // "max_new_tokens 20" is stated in the generation rule text; generation_config.json carries the number.
        using var generationConfig = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "generation_config.json")));
        return new Reference(
            generations,
            (float)root.GetProperty("tolerance").GetProperty("logits_atol").GetDouble(),
            generationConfig.RootElement.GetProperty("max_new_tokens").GetInt32());
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    private sealed record Reference(ReferenceGeneration[] Generations, float Tolerance, int MaxNewTokens);
}

internal sealed record ReferenceGeneration(
    string Prompt, int[] PromptIds, int[] GeneratedIds, int[] Top5Ids, float[] Top5Logits, float[] GreedyStepLogits);

using Maas.Errors;
using Maas.Llm.Caching;
using Maas.Llm.Models;
using Maas.Testing;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Maas.Llm.Tests;

/// <summary>Graph detection, config reading and the batch input layout, without running a model.</summary>
public sealed class DecoderLayoutTests
{
    [Fact]
    public void Read_MergedExportWithCacheBranch_FeedsUseCacheBranchBeforeThePast()
    {
        var signature = DecoderSignature.Read(MergedInputs(), Outputs(2));

        Assert.True(signature.HasCacheBranch);
        Assert.False(signature.HasPositionIds);
        Assert.Equal(2, signature.KeyValueHeads);
        Assert.Equal(8, signature.HeadDim);
        Assert.Equal(
            ["input_ids", "attention_mask", "use_cache_branch", "past_key_values.0.key", "past_key_values.0.value"],
            signature.InputNames());
    }

    [Fact]
    public void Build_FirstStepThenDecode_UseCacheBranchFollowsThePast()
    {
        var prefill = StepBatch.Build([new StepRow(0, new ArraySegment<int>([5, 6]))], padTokenId: 0);
        var decode = StepBatch.Build([new StepRow(2, new ArraySegment<int>([7]))], padTokenId: 0);

        Assert.False(prefill.UseCacheBranch);
        Assert.True(decode.UseCacheBranch);
        Assert.Equal([1L, 1, 1], decode.AttentionMask);
        Assert.Equal([2L], decode.PositionIds);
    }

    [Fact]
    public void Build_DecodeRowsWithDifferentPasts_LeftPadsPastAndCountsPositionsFromMask()
    {
        var batch = StepBatch.Build([new StepRow(3, new ArraySegment<int>([7])), new StepRow(1, new ArraySegment<int>([8]))], padTokenId: 99);

        Assert.Equal(3, batch.PastWidth);
        Assert.Equal([7L, 8], batch.InputIds);
        Assert.Equal([1L, 1, 1, 1, /* row 2 */ 0, 0, 1, 1], batch.AttentionMask);
        Assert.Equal([3L, 1], batch.PositionIds);
    }

    [Fact]
    public void Build_FirstChunksOfDifferentLengths_LeftPadsNewTokensWithPadId()
    {
        var batch = StepBatch.Build([new StepRow(0, new ArraySegment<int>([1, 2, 3])), new StepRow(0, new ArraySegment<int>([4]))], padTokenId: 99);

        Assert.Equal([1L, 2, 3, 99, 99, 4], batch.InputIds);
        Assert.Equal([1L, 1, 1, 0, 0, 1], batch.AttentionMask);
        Assert.Equal([0L, 1, 2, 1, 1, 0], batch.PositionIds);
    }

    [Fact]
    public void Read_NoPastInputs_ThrowsInvalidModel()
    {
        GraphValue[] inputs = [new("input_ids", TensorElementType.Int64, [-1, -1]), new("attention_mask", TensorElementType.Int64, [-1, -1])];

        var error = Assert.Throws<MaasException>(() => DecoderSignature.Read(inputs, Outputs(0)));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("text-generation-with-past", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownInput_ThrowsInvalidModelNamingIt()
    {
        var inputs = MergedInputs().Append(new GraphValue("token_type_ids", TensorElementType.Int64, [-1, -1])).ToArray();

        var error = Assert.Throws<MaasException>(() => DecoderSignature.Read(inputs, Outputs(1)));

        Assert.Contains("token_type_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConfigWithEosListAndGqa_PrefersGenerationConfig()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("config.json"),
            """{"num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "hidden_size": 896, "max_position_embeddings": 32768, "eos_token_id": 151643}""");
        File.WriteAllText(folder.Combine("generation_config.json"),
            """{"eos_token_id": [151645, 151643], "do_sample": true, "temperature": 0.7, "top_p": 0.8, "top_k": 20, "repetition_penalty": 1.05}""");

        var config = ModelConfig.Read(folder.Path);

        Assert.Equal([151645, 151643], config.EosTokenIds);
        Assert.Equal(2, config.KeyValueHeads);
        Assert.Equal(32768, config.ContextLength);
        Assert.Equal(new GenerationDefaults(null, true, 0.7f, 0.8f, 20, 1.05f), config.Defaults);
    }

    [Fact]
    public void Load_FolderWithoutDecoder_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<MaasException>(() => GenerationEngine.Load(folder.Path, new GenerationEngineOptions()));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
    }

    [Fact]
    public void Load_ManifestPointsOutsideFolder_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("maas.json"), """{"model_file": "../elsewhere/model.onnx"}""");

        var error = Assert.Throws<MaasException>(() => GenerationEngine.Load(folder.Path, new GenerationEngineOptions()));

        Assert.Contains("outside the model folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceKvCache_AppendBeyondInitialCapacity_GathersEveryPositionLeftPadded()
    {
        var cache = new SequenceKvCache(layers: 1, heads: 2, headDim: 1, maxTokens: 40);
        for (var step = 0; step < 40; step++)
        {
            // present [1 row, 2 heads, width 1, 1]: head h holds 100 h + step.
            cache.Advance(1);
            cache.Store(0, [step, 100 + step], row: 0, width: 1);
            cache.MarkStored();
        }

        var batch = new float[2 * 41];
        batch.AsSpan().Fill(-1);
        cache.CopyTo(0, batch, row: 0, width: 41);

        Assert.Equal(0f, batch[0]);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (float)i), batch[1..41]);
        Assert.Equal(Enumerable.Range(100, 40).Select(i => (float)i), batch[42..]);
    }

    private static GraphValue[] MergedInputs() =>
    [
        new("input_ids", TensorElementType.Int64, [-1, -1]),
        new("attention_mask", TensorElementType.Int64, [-1, -1]),
        new("past_key_values.0.key", TensorElementType.Float, [-1, 2, -1, 8]),
        new("past_key_values.0.value", TensorElementType.Float, [-1, 2, -1, 8]),
        new("use_cache_branch", TensorElementType.Bool, [1]),
    ];

    private static GraphValue[] Outputs(int layers) =>
    [
        new("logits", TensorElementType.Float, [-1, -1, 32]),
        .. Enumerable.Range(0, layers).SelectMany(l => new GraphValue[]
        {
            new(DecoderSignature.PresentName(l, value: false), TensorElementType.Float, [-1, 2, -1, 8]),
            new(DecoderSignature.PresentName(l, value: true), TensorElementType.Float, [-1, 2, -1, 8]),
        }),
    ];
}

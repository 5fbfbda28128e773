namespace Maas.Llm.Models;

/// <summary>What the engine learned about a loaded decoder: shapes from the ONNX graph and config.json, defaults from generation_config.json.</summary>
/// <param name="ModelFile">Path of the ONNX file relative to the model folder.</param>
/// <param name="Layers">Transformer layers, i.e. pairs of <c>past_key_values.{i}.key/value</c> inputs.</param>
/// <param name="AttentionHeads">Query heads from config.json, when it says.</param>
/// <param name="KeyValueHeads">Heads per cache tensor (fewer than attention heads with grouped-query attention).</param>
/// <param name="HeadDim">Last dimension of each cache tensor.</param>
/// <param name="ContextLength">Maximum positions (prompt plus generated tokens) the model accepts.</param>
/// <param name="VocabSize">Width of the logits.</param>
/// <param name="EosTokenIds">Ids that end generation: generation_config.json's list when present, else config.json's.</param>
/// <param name="BosTokenId">Beginning-of-sequence id, when configured (the tokenizer decides whether prompts start with it).</param>
/// <param name="PadTokenId">Padding id, when configured; batches pad with it (or the first eos id) under a zero mask.</param>
/// <param name="HasPositionIds">Whether the graph takes <c>position_ids</c>; without it padded batches are not used.</param>
/// <param name="HasCacheBranch">Whether the graph is a merged decoder with a <c>use_cache_branch</c> input.</param>
/// <param name="Defaults">Sampling defaults from generation_config.json.</param>
public sealed record DecoderModelInfo(
    string ModelFile,
    int Layers,
    int? AttentionHeads,
    int KeyValueHeads,
    int HeadDim,
    int ContextLength,
    int VocabSize,
    IReadOnlyList<int> EosTokenIds,
    int? BosTokenId,
    int? PadTokenId,
    bool HasPositionIds,
    bool HasCacheBranch,
    GenerationDefaults Defaults);

namespace Maas.Llm.Models;

/// <summary>
/// Sampling defaults a model ships in <c>generation_config.json</c>; null where the file says nothing. The HTTP layer
/// fills request fields the client left out from these before it builds a <see cref="Sampling.SamplingParameters"/>.
/// </summary>
public sealed record GenerationDefaults(
    int? MaxNewTokens,
    bool? DoSample,
    float? Temperature,
    float? TopP,
    int? TopK,
    float? RepetitionPenalty)
{
    public static GenerationDefaults None { get; } = new(null, null, null, null, null, null);
}

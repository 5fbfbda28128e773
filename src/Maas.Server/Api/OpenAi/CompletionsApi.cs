using System.Text.Json;
using Maas.Llm;
using Maas.Llm.Serving;
using Maas.Runtime;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// <c>POST /v1/completions</c>: plain-text continuation. <c>max_tokens</c> defaults to the model's
/// generation_config.json <c>max_new_tokens</c>, else OpenAI's 16; <c>suffix</c> is refused as in vLLM.
/// </summary>
internal static class CompletionsApi
{
    private const int DefaultMaxTokens = 16;
    private const int MaxPrompts = 32;

    public static IEndpointRouteBuilder MapCompletionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/completions", CompleteAsync);
        return routes;
    }

    private static async Task CompleteAsync(HttpContext context, InferenceService inference, IOptions<ServerLimits> limits, TimeProvider time)
    {
        var request = await OpenAiRequests.ReadAsync(context, OpenAiJsonContext.Default.CompletionRequest, limits.Value.MaxInferenceBodyBytes);
        Validate(request);
        var (lease, model) = await OpenAiRequests.LeaseAsync(context, request.Model, inference);
        using var _ = lease;
        var prompts = Prompts(request.Prompt, model);
        var stops = SamplingRequest.Stops(request.Stop);
        var logprobs = request.Logprobs is not null;
        using var set = ChoiceSet.Start(
            model,
            [.. prompts.Select(p => p.Ids)],
            request.N ?? 1,
            ids => SamplingRequest.Build(request, model, ids.Length, request.MaxTokens, DefaultMaxTokens, logprobs, request.Logprobs ?? 0),
            stops,
            "prompt",
            context.RequestAborted);
        using var metered = OpenAiRequests.Meter(context, set);

        var id = "cmpl-" + Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var modelName = request.Model!;
        if (request.Stream)
        {
            await SseWriter.RunAsync(context, async (sse, aborted) =>
            {
                var offsets = new int[set.Choices.Count];
                if (request.Echo)
                {
                    foreach (var choice in set.Choices)
                    {
                        var echo = prompts[choice.PromptIndex].Text;
                        offsets[choice.Index] = echo.Length;
                        await sse.WriteAsync(Chunk(new CompletionChoice(choice.Index, echo, null, null)), OpenAiJsonContext.Default.CompletionResponse, aborted);
                    }
                }

                await sse.WriteAllAsync(
                    set.StreamAsync(aborted),
                    next =>
                    {
                        var (choice, delta) = next;
                        var mapped = logprobs ? LogprobsMapper.Completion(model, delta.Tokens, ref offsets[choice.Index]) : null;
                        return Chunk(new CompletionChoice(choice.Index, delta.Text, mapped, Wire(delta.Finish))
                        {
                            TokenIds = request.ReturnTokenIds ? [.. delta.Tokens.Select(t => t.Id)] : null,
                        });
                    },
                    OpenAiJsonContext.Default.CompletionResponse,
                    aborted);

                if (request.StreamOptions?.IncludeUsage == true)
                {
                    var usage = new CompletionResponse(id, "text_completion", created, modelName, [], Usage.Of(set.PromptTokens, set.CompletionTokens));
                    await sse.WriteAsync(usage, OpenAiJsonContext.Default.CompletionResponse, aborted);
                }
            });
            return;
        }

        var results = await set.CollectAsync();
        var choices = results.Select(r =>
        {
            var prompt = prompts[r.Choice.PromptIndex];
            var echo = request.Echo ? prompt.Text : "";
            var offset = echo.Length;
            return new CompletionChoice(r.Choice.Index, echo + r.Text, logprobs ? LogprobsMapper.Completion(model, r.Tokens, ref offset) : null, Wire(r.Finish))
            {
                TokenIds = request.ReturnTokenIds ? [.. r.Tokens.Select(t => t.Id)] : null,
                PromptTokenIds = request.ReturnTokenIds ? prompt.Ids : null,
            };
        }).ToList();
        var response = new CompletionResponse(id, "text_completion", created, modelName, choices, Usage.Of(set.PromptTokens, set.CompletionTokens));
        await context.Response.WriteAsJsonAsync(response, OpenAiJsonContext.Default.CompletionResponse, contentType: null, context.RequestAborted);

        CompletionResponse Chunk(CompletionChoice choice) => new(id, "text_completion", created, modelName, [choice], null);
    }

    private static void Validate(CompletionRequest request)
    {
        SamplingRequest.Validate(request);
        if (request.Suffix is not null)
        {
            throw OpenAiRequests.Invalid("suffix", "'suffix' is not supported");
        }

        if (request.BestOf is { } bestOf && bestOf != (request.N ?? 1))
        {
            throw OpenAiRequests.Invalid("best_of", "'best_of' other than n is not supported");
        }

        if (request.Logprobs is { } top && top is < 0 or > Maas.Llm.Sampling.SamplingParameters.MaxTopLogprobs)
        {
            throw OpenAiRequests.Invalid("logprobs", $"'logprobs' must be in [0, {Maas.Llm.Sampling.SamplingParameters.MaxTopLogprobs}]; got {top}");
        }
    }

    /// <summary>A string, strings, token ids, or lists of token ids, as OpenAI's legacy API takes them.</summary>
    private static List<PromptInput> Prompts(JsonElement prompt, LlmModel model)
    {
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return [FromText(prompt.GetString()!, model)];
            case JsonValueKind.Array when prompt.GetArrayLength() is > 0:
                var items = prompt.EnumerateArray().ToList();
                if (items.All(i => i.ValueKind == JsonValueKind.Number))
                {
                    return [FromIds(items, model)];
                }

                if (items.Count > MaxPrompts)
                {
                    throw OpenAiRequests.Invalid("prompt", $"at most {MaxPrompts} prompts per request");
                }

                if (items.All(i => i.ValueKind == JsonValueKind.String))
                {
                    return [.. items.Select(i => FromText(i.GetString()!, model))];
                }

                if (items.All(i => i.ValueKind == JsonValueKind.Array && i.GetArrayLength() > 0 && i.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number)))
                {
                    return [.. items.Select(i => FromIds([.. i.EnumerateArray()], model))];
                }

                break;
        }

        throw OpenAiRequests.Invalid("prompt", "'prompt' must be a non-empty string, an array of strings, an array of token ids, or an array of such arrays");
    }

    private static PromptInput FromText(string text, LlmModel model)
    {
        var ids = model.Encode(text, addSpecialTokens: true);
        return ids.Length > 0 ? new PromptInput(text, ids) : throw OpenAiRequests.Invalid("prompt", "the prompt encodes to no tokens");
    }

    private static PromptInput FromIds(List<JsonElement> items, LlmModel model)
    {
        var ids = new int[items.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!items[i].TryGetInt32(out ids[i]) || ids[i] < 0 || ids[i] >= model.Engine.Model.VocabSize)
            {
                throw OpenAiRequests.Invalid("prompt", $"prompt token ids must be integers in [0, {model.Engine.Model.VocabSize - 1}]; got {items[i].GetRawText()}");
            }
        }

        return new PromptInput(model.Tokenizer.Decode(ids, skipSpecialTokens: false), ids);
    }

    internal static string? Wire(FinishReason? finish) => finish switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => null,
    };

    private sealed record PromptInput(string Text, int[] Ids);
}

using System.Text.Json;
using Maas.Llm;
using Maas.Routing;
using Maas.Routing.Generation;
using Maas.Server.Auth;
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

    private static async Task CompleteAsync(HttpContext context, ModelRouter router, IOptions<ServerLimits> limits, TimeProvider time)
    {
        var request = await OpenAiRequests.ReadAsync(context, OpenAiJsonContext.Default.CompletionRequest, limits.Value.MaxInferenceBodyBytes);
        Validate(request);
        var target = router.Resolve(context.GetCaller(), request.Model);
        var logprobs = request.Logprobs is not null;
        using var set = await router.GenerateAsync(
            target,
            new GenerationCall(
                Prompts(request.Prompt),
                request.N ?? 1,
                SamplingRequest.Options(request, request.MaxTokens, DefaultMaxTokens, logprobs, request.Logprobs ?? 0),
                SamplingRequest.Stops(request.Stop),
                "prompt"),
            context.RequestAborted);
        var model = set.Model;
        var prompts = set.Prompts;

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
    private static List<GenerationPrompt> Prompts(JsonElement prompt)
    {
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return [new GenerationPrompt.Text(prompt.GetString()!)];
            case JsonValueKind.Array when prompt.GetArrayLength() is > 0:
                var items = prompt.EnumerateArray().ToList();
                if (items.All(i => i.ValueKind == JsonValueKind.Number))
                {
                    return [FromIds(items)];
                }

                if (items.Count > MaxPrompts)
                {
                    throw OpenAiRequests.Invalid("prompt", $"at most {MaxPrompts} prompts per request");
                }

                if (items.All(i => i.ValueKind == JsonValueKind.String))
                {
                    return [.. items.Select(i => new GenerationPrompt.Text(i.GetString()!))];
                }

                if (items.All(i => i.ValueKind == JsonValueKind.Array && i.GetArrayLength() > 0 && i.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number)))
                {
                    return [.. items.Select(i => FromIds([.. i.EnumerateArray()]))];
                }

                break;
        }

        throw OpenAiRequests.Invalid("prompt", "'prompt' must be a non-empty string, an array of strings, an array of token ids, or an array of such arrays");
    }

    /// <summary>Whole numbers only; the router checks them against the model's vocabulary.</summary>
    private static GenerationPrompt.Ids FromIds(List<JsonElement> items) =>
        new([.. items.Select(i => i.TryGetInt64(out var id)
            ? id
            : throw OpenAiRequests.Invalid("prompt", $"prompt token ids must be integers; got {i.GetRawText()}"))]);

    internal static string? Wire(FinishReason? finish) => finish switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => null,
    };
}

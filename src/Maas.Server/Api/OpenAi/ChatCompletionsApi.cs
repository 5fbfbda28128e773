using System.Text.Json;
using Maas.Llm.Sampling;
using Maas.Llm.Serving.Prompts;
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
/// <c>POST /v1/chat/completions</c>: messages rendered through the model's own chat template, tokenized without
/// special tokens (the template wrote them), generated like a completion. Without a limit in the request, generation
/// runs to generation_config.json's <c>max_new_tokens</c>, else to the end of the context, as in vLLM.
/// </summary>
internal static class ChatCompletionsApi
{
    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/chat/completions", ChatAsync);
        return routes;
    }

    private static async Task ChatAsync(HttpContext context, ModelRouter router, IOptions<ServerLimits> limits, TimeProvider time)
    {
        var request = await OpenAiRequests.ReadAsync(context, OpenAiJsonContext.Default.ChatRequest, limits.Value.MaxInferenceBodyBytes);
        Validate(request);
        var tools = request.Tools.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? (JsonElement?)null : request.Tools;
        var prompt = ChatPrompt.From(
            request.Messages,
            tools,
            request.AddGenerationPrompt ?? true,
            request.ChatTemplateKwargs.ValueKind == JsonValueKind.Object ? request.ChatTemplateKwargs : null);
        var target = router.Resolve(context.GetCaller(), request.Model);
        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens;
        using var set = await router.GenerateAsync(
            target,
            new GenerationCall(
                [new GenerationPrompt.Chat(prompt)],
                request.N ?? 1,
                SamplingRequest.Options(request, maxTokens, null, request.Logprobs, request.TopLogprobs ?? 0),
                SamplingRequest.Stops(request.Stop),
                "messages"),
            context.RequestAborted);
        var model = set.Model;
        var promptIds = set.Prompts[0].Ids;

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var modelName = request.Model!;
        if (request.Stream)
        {
            await SseWriter.RunAsync(context, async (sse, aborted) =>
            {
                foreach (var choice in set.Choices)
                {
                    var first = new ChatChunkChoice(choice.Index, new ChatDelta("assistant", ""), null, null);
                    await sse.WriteAsync(Chunk([first], null), OpenAiJsonContext.Default.ChatChunk, aborted);
                }

                await sse.WriteAllAsync(
                    set.StreamAsync(aborted),
                    next =>
                    {
                        var (choice, delta) = next;
                        var item = new ChatChunkChoice(
                            choice.Index,
                            new ChatDelta(null, delta.Text),
                            request.Logprobs ? LogprobsMapper.Chat(model, delta.Tokens) : null,
                            CompletionsApi.Wire(delta.Finish))
                        {
                            TokenIds = request.ReturnTokenIds ? [.. delta.Tokens.Select(t => t.Id)] : null,
                        };
                        return Chunk([item], null);
                    },
                    OpenAiJsonContext.Default.ChatChunk,
                    aborted);

                if (request.StreamOptions?.IncludeUsage == true)
                {
                    await sse.WriteAsync(Chunk([], Usage.Of(set.PromptTokens, set.CompletionTokens)), OpenAiJsonContext.Default.ChatChunk, aborted);
                }
            });
            return;
        }

        var results = await set.CollectAsync();
        var choices = results.Select(r => new ChatChoice(
            r.Choice.Index,
            new ChatMessage("assistant", r.Text),
            request.Logprobs ? LogprobsMapper.Chat(model, r.Tokens) : null,
            CompletionsApi.Wire(r.Finish))
        {
            TokenIds = request.ReturnTokenIds ? [.. r.Tokens.Select(t => t.Id)] : null,
        }).ToList();
        var response = new ChatResponse(id, "chat.completion", created, modelName, choices, Usage.Of(set.PromptTokens, set.CompletionTokens))
        {
            PromptTokenIds = request.ReturnTokenIds ? promptIds : null,
        };
        await context.Response.WriteAsJsonAsync(response, OpenAiJsonContext.Default.ChatResponse, contentType: null, context.RequestAborted);

        ChatChunk Chunk(IReadOnlyList<ChatChunkChoice> choices, Usage? usage) => new(id, "chat.completion.chunk", created, modelName, choices, usage);
    }

    private static void Validate(ChatRequest request)
    {
        SamplingRequest.Validate(request);
        if (request.MaxCompletionTokens is < 1)
        {
            throw OpenAiRequests.Invalid("max_completion_tokens", $"'max_completion_tokens' must be >= 1; got {request.MaxCompletionTokens}");
        }

        if (request.TopLogprobs is { } top)
        {
            if (top is < 0 or > SamplingParameters.MaxTopLogprobs)
            {
                throw OpenAiRequests.Invalid("top_logprobs", $"'top_logprobs' must be in [0, {SamplingParameters.MaxTopLogprobs}]; got {top}");
            }

            if (top > 0 && !request.Logprobs)
            {
                throw OpenAiRequests.Invalid("top_logprobs", "'top_logprobs' needs 'logprobs': true");
            }
        }

        if (request.ResponseFormat.ValueKind == JsonValueKind.Object
            && request.ResponseFormat.TryGetProperty("type", out var format)
            && !format.ValueEquals("text"))
        {
            throw OpenAiRequests.Invalid("response_format", $"response_format '{format}' is not supported; only 'text' is");
        }

        var toolChoice = request.ToolChoice;
        if (toolChoice.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)
            && !(toolChoice.ValueKind == JsonValueKind.String && (toolChoice.ValueEquals("none") || toolChoice.ValueEquals("auto"))))
        {
            throw OpenAiRequests.Invalid("tool_choice", "only tool_choice 'none' or 'auto' is supported: tool calls are not parsed out of the output");
        }
    }
}

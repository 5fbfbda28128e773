using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Client.Json;

namespace Maas.Client;

public sealed partial class MaasClient
{
    /// <summary>Streams a chat answer from <c>/v1/chat/completions</c>: the text pieces as the server generates them.</summary>
    public IAsyncEnumerable<string> StreamChatAsync(
        string model, IReadOnlyList<ChatTurn> messages, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(messages);
        var body = Body(model, options);
        body["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]);
        return StreamAsync("v1/chat/completions", body, choice => choice["delta"]?["content"], cancellationToken);
    }

    /// <summary>Streams a plain completion from <c>/v1/completions</c>: the text pieces as the server generates them.</summary>
    public IAsyncEnumerable<string> StreamCompletionAsync(
        string model, string prompt, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(prompt);
        var body = Body(model, options);
        body["prompt"] = prompt;
        return StreamAsync("v1/completions", body, choice => choice["text"], cancellationToken);
    }

    private static JsonObject Body(string model, GenerationOptions? options)
    {
        var body = new JsonObject { ["model"] = model, ["stream"] = true };
        if (options?.MaxTokens is { } max)
        {
            body["max_tokens"] = max;
        }

        if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        return body;
    }

    /// <summary>Reads OpenAI server-sent events (<c>data: {json}</c> lines up to <c>data: [DONE]</c>); an error event becomes an exception.</summary>
    private async IAsyncEnumerable<string> StreamAsync(
        string path, JsonObject body, Func<JsonNode, JsonNode?> textOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = JsonContent.Create(body, WireJsonContext.Default.JsonObject) };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await ReadLineAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var payload = line.AsSpan(5).Trim().ToString();
            if (payload == "[DONE]")
            {
                yield break;
            }

            JsonNode? chunk;
            try
            {
                chunk = JsonNode.Parse(payload);
            }
            catch (JsonException ex)
            {
                throw new MaasApiException((int)response.StatusCode, $"the server sent an event that is not JSON: {ex.Message}", ex);
            }

            if (chunk?["error"] is JsonObject error)
            {
                var message = error["message"]?.GetValue<string>() ?? "the server reported an error mid-stream";
                throw new MaasApiException(StatusOf(error["type"]?.GetValue<string>()), message);
            }

            foreach (var choice in chunk?["choices"]?.AsArray() ?? [])
            {
                if (choice is not null && textOf(choice) is JsonValue text && text.GetValue<string>() is { Length: > 0 } piece)
                {
                    yield return piece;
                }
            }
        }

        throw new MaasApiException(0, "the stream ended before data: [DONE]; the connection was cut");
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new MaasApiException(0, $"the stream from {Transport.ApiErrors.Display(_baseAddress)} was cut: {ex.Message}", ex);
        }
    }

    private static int StatusOf(string? type) => type switch
    {
        "invalid_request_error" => 400,
        "not_found_error" => 404,
        "rate_limit_error" => 429,
        _ => 500,
    };
}

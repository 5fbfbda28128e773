using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Maas.Client.Json;
using Maas.Client.Packing;
using Maas.Client.Transport;

namespace Maas.Client;

public sealed partial class MaasClient
{
    /// <summary>
    /// Uploads a new version of <paramref name="name"/>. <paramref name="path"/> is a <c>.onnx</c> file, a
    /// <c>.zip</c> / <c>.tar.gz</c> / <c>.tgz</c> archive, or a model folder (packed to a temporary tar.gz
    /// on disk first). The body is streamed from disk; <paramref name="progress"/> hears bytes sent. Safe to have
    /// retried: see <see cref="PushOptions"/>.
    /// </summary>
    public Task<ModelVersionInfo> PushAsync(
        string path,
        string name,
        string? alias = null,
        IProgress<UploadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        PushAsync(path, name, new PushOptions { Alias = alias, Progress = progress }, cancellationToken);

    /// <summary>
    /// Uploads a new version with an idempotency key, retrying a lost exchange with the same key so a retry never
    /// makes a second version. <see cref="ModelVersionInfo.Replayed"/> tells when the server had already made it.
    /// </summary>
    public async Task<ModelVersionInfo> PushAsync(string path, string name, PushOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        ModelNames.ThrowIfInvalid(name);

        using var artifact = await PreparedArtifact.PrepareAsync(path, cancellationToken).ConfigureAwait(false);
        var query = string.IsNullOrEmpty(options.Alias) ? "" : "?alias=" + Uri.EscapeDataString(options.Alias);
        var key = options.IdempotencyKey ?? PushOptions.NewIdempotencyKey();
        for (var attempt = 1; ; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url($"api/models/{Segment(name)}/versions{query}"))
            {
                Content = new FileUploadContent(artifact.Path, artifact.ContentType, options.Progress),
            };
            request.Headers.Add(PushRetries.IdempotencyKeyHeader, key);
            try
            {
                return await SendPushAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (MaasApiException ex) when (attempt < options.MaxAttempts && PushRetries.ShouldRetry(ex, attempt, out var delay))
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ModelVersionInfo> SendPushAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var version = await response.Content.ReadFromJsonAsync(MaasJsonContext.Default.ModelVersionInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the body is null");
                return version with { Replayed = PushRetries.IsReplayed(response) };
            }
            catch (JsonException ex)
            {
                throw new MaasApiException((int)response.StatusCode, $"the server's answer is not the expected JSON: {ex.Message}", ex);
            }
            catch (HttpRequestException ex)
            {
                throw ApiErrors.Unreachable(_baseAddress, ex);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The answer was cut off: the version may well exist, which is what the idempotency key is for.
                throw new MaasApiException(0, $"the answer from {ApiErrors.Display(_baseAddress)} was cut off: {ex.Message}", ex);
            }
        }
    }

    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url("api/models"));
        var list = await SendForJsonAsync(request, WireJsonContext.Default.ModelList, cancellationToken).ConfigureAwait(false);
        return list.Models;
    }

    public Task<ModelInfo> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var request = new HttpRequestMessage(HttpMethod.Get, Url($"api/models/{Segment(name)}"));
        return SendForJsonAsync(request, MaasJsonContext.Default.ModelInfo, cancellationToken);
    }

    public Task<ModelVersionInfo> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var request = new HttpRequestMessage(HttpMethod.Get, Url($"api/models/{Segment(name)}/versions/{Number(version)}"));
        return SendForJsonAsync(request, MaasJsonContext.Default.ModelVersionInfo, cancellationToken);
    }

    /// <summary>
    /// Resolves a reference the way the server does (<c>name</c> → the <c>default</c> alias, else
    /// <c>latest</c>, else the highest version) and returns that version's document.
    /// </summary>
    public async Task<ModelVersionInfo> GetVersionAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Version is { } number)
        {
            return await GetVersionAsync(reference.Name, number, cancellationToken).ConfigureAwait(false);
        }

        var model = await GetModelAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        var version = ResolveVersion(model, reference);
        return model.Versions.FirstOrDefault(v => v.Version == version)
            ?? await GetVersionAsync(reference.Name, version, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return SendForNothingAsync(new HttpRequestMessage(HttpMethod.Delete, Url($"api/models/{Segment(name)}")), cancellationToken);
    }

    /// <summary>Deletes one version; with <paramref name="force"/>, even one an alias points at (the alias goes too).</summary>
    public Task DeleteVersionAsync(string name, int version, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var query = force ? "?force=true" : "";
        var url = Url($"api/models/{Segment(name)}/versions/{Number(version)}{query}");
        return SendForNothingAsync(new HttpRequestMessage(HttpMethod.Delete, url), cancellationToken);
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>; moving <c>prod</c> is how a version goes live.</summary>
    public Task<ModelVersionInfo> SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var request = new HttpRequestMessage(HttpMethod.Put, Url($"api/models/{Segment(name)}/aliases/{Segment(alias)}"))
        {
            Content = JsonContent.Create(new AliasRequest(version), WireJsonContext.Default.AliasRequest),
        };
        return SendForJsonAsync(request, MaasJsonContext.Default.ModelVersionInfo, cancellationToken);
    }

    internal static int ResolveVersion(ModelInfo model, ModelReference reference)
    {
        if (reference.Version is { } number)
        {
            return number;
        }

        if (reference.Alias is { } alias)
        {
            return model.Aliases.TryGetValue(alias, out var aliased)
                ? aliased
                : throw new MaasApiException(404, $"model '{model.Name}' has no alias '{alias}'");
        }

        if (model.Aliases.TryGetValue("default", out var byDefault) || model.Aliases.TryGetValue("latest", out byDefault))
        {
            return byDefault;
        }

        return model.GetLatestVersion()?.Version ?? throw new MaasApiException(404, $"model '{model.Name}' has no versions");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

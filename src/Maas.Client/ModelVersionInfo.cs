using System.Text.Json.Serialization;

namespace Maas.Client;

/// <summary>The version document the registry answers with: one immutable uploaded artifact and its load state.</summary>
public sealed record ModelVersionInfo
{
    public required string Name { get; init; }

    public int Version { get; init; }

    /// <summary>Hex SHA-256 of the artifact exactly as uploaded.</summary>
    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public string? Format { get; init; }

    public DateTimeOffset Created { get; init; }

    public string? Task { get; init; }

    public string? Platform { get; init; }

    public string? ModelFile { get; init; }

    public IReadOnlyList<TensorInfo> Inputs { get; init; } = [];

    public IReadOnlyList<TensorInfo> Outputs { get; init; } = [];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// <c>loading</c>, <c>ready</c>, <c>failed</c> or <c>unloaded</c>; kept as a string so a newer server's
    /// states do not break older clients.
    /// </summary>
    public string State { get; init; } = "";

    /// <summary>Why loading failed, when <see cref="State"/> is <c>failed</c>.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Other versions of this model whose artifact has the same sha256 (a re-upload of known bytes); empty from a
    /// server that predates the field (the JSON source generator would otherwise leave it null).
    /// </summary>
    public IReadOnlyList<int> SameContentAs { get => field ?? []; init; }

    /// <summary>
    /// True when a push's idempotency key had already created this version, so nothing new was made (a retry after
    /// a lost answer). Read from the <c>Idempotency-Replayed</c> header, not the document.
    /// </summary>
    [JsonIgnore]
    public bool Replayed { get; init; }

    /// <summary>
    /// What the server accepted but ignored in the pushed folder (e.g. unknown maas.json keys); empty when none, null
    /// from servers that predate the field.
    /// </summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

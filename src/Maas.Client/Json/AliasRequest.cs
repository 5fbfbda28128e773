namespace Maas.Client.Json;

/// <summary>The body of <c>PUT /api/models/{name}/aliases/{alias}</c>.</summary>
internal sealed record AliasRequest(int Version);

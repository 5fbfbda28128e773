using Maas.Security.Keys;
using Microsoft.AspNetCore.Builder;

namespace Maas.Server.Auth;

/// <summary>Who may call an endpoint: anonymous, or a key holding one of the scopes. Endpoints without it need admin.</summary>
internal sealed record EndpointAccess(bool Anonymous, IReadOnlyList<Scope> Scopes)
{
    public static EndpointAccess AdminOnly { get; } = new(false, [Scope.Admin]);

    /// <summary>Whether the key holds one of the scopes; a plain loop, as it runs on every request.</summary>
    public bool AllowsAny(KeyInfo key)
    {
        for (var i = 0; i < Scopes.Count; i++)
        {
            if (key.Allows(Scopes[i]))
            {
                return true;
            }
        }

        return false;
    }
}

internal static class EndpointAccessExtensions
{
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(true, []));

    /// <summary>Requires one of <paramref name="scopes"/> (admin always passes).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params Scope[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(false, scopes));
}

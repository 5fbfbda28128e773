using Maas.Errors;
using Maas.Security.Limits;

namespace Maas.Security.Keys;

/// <summary>
/// Everything known about a key except its secret, which is never stored. <c>Id</c> is a short random id for URLs and
/// usage rows; <c>Prefix</c> is the first 12 characters of the secret (<c>maas_AbCdEfG</c>) so people can tell keys
/// apart; empty <c>ModelPatterns</c> means every model; <c>LastUsed</c> may lag by one flush interval.
/// </summary>
public sealed record KeyInfo(
    string Id,
    string Name,
    string Prefix,
    IReadOnlyList<Scope> Scopes,
    IReadOnlyList<string> ModelPatterns,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    DateTimeOffset? LastUsed,
    KeyLimits? Limits)
{
    public bool IsRevoked => Revoked is not null;

    public bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;

    /// <summary>Admin implies every scope; deploy and infer imply nothing but themselves (see <see cref="Scope"/>).</summary>
    public bool Allows(Scope required) => Scopes.Contains(Scope.Admin) || Scopes.Contains(required);

    /// <summary>Whether the model grant covers <paramref name="modelName"/>; applies to every scope, admin included.</summary>
    public bool CanUseModel(string modelName) => ModelGrants.AnyMatch(ModelPatterns, modelName);

    /// <summary>Throws a 403-kind error naming the missing scope.</summary>
    public void EnsureAllowed(Scope required)
    {
        if (!Allows(required))
        {
            throw new MaasException(ErrorKind.Forbidden, $"API key '{Id}' lacks the '{ScopeText.Name(required)}' scope");
        }
    }

    /// <summary>Throws a 403-kind error naming the model the key is not granted.</summary>
    public void EnsureCanUseModel(string modelName)
    {
        if (!CanUseModel(modelName))
        {
            throw new MaasException(ErrorKind.Forbidden, $"API key '{Id}' is not granted model '{modelName}'");
        }
    }
}

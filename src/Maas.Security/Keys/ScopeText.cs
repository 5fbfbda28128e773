using Maas.Errors;

namespace Maas.Security.Keys;

/// <summary>Scopes as people and the database spell them: lower case, comma separated (<c>infer,deploy</c>).</summary>
public static class ScopeText
{
    extension(Scope)
    {
        /// <summary>Parses <c>"infer,deploy"</c> (any case, spaces allowed) into distinct scopes in enum order.</summary>
        public static IReadOnlyList<Scope> Parse(string text) => ParseList(text);
    }

    public static string Name(Scope scope) => scope switch
    {
        Scope.Admin => "admin",
        Scope.Deploy => "deploy",
        Scope.Infer => "infer",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static string Format(IEnumerable<Scope> scopes) => string.Join(',', scopes.Distinct().Order().Select(Name));

    public static IReadOnlyList<Scope> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scopes = new SortedSet<Scope>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            scopes.Add(part.ToUpperInvariant() switch
            {
                "ADMIN" => Scope.Admin,
                "DEPLOY" => Scope.Deploy,
                "INFER" => Scope.Infer,
                _ => throw MaasException.InvalidInput($"scope '{part}' is not known; expected admin, deploy or infer"),
            });
        }

        if (scopes.Count == 0)
        {
            throw MaasException.InvalidInput("scopes are empty; expected a comma-separated list of admin, deploy or infer");
        }

        return [.. scopes];
    }
}

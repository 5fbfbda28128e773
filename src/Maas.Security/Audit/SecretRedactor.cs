using System.Text.RegularExpressions;

namespace Maas.Security.Audit;

/// <summary>
/// Masks anything shaped like a Maas key secret before it is written, keeping only the recognisable prefix. A caller
/// that pastes a secret into a detail string must not leave it in the audit table. (Operator-chosen admin secrets
/// have no fixed shape and cannot be recognised; callers must not pass them.)
/// </summary>
internal static partial class SecretRedactor
{
    public static string Redact(string text) => SecretShape().Replace(text, m => m.Value[..12] + "…");

    [GeneratedRegex("maas_[A-Za-z0-9_-]{43}", RegexOptions.CultureInvariant)]
    private static partial Regex SecretShape();
}

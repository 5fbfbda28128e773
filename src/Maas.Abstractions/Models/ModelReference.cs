using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Maas.Models;

/// <summary>
/// A way to name a model version: <c>name</c> (the <c>default</c> alias if set, else the latest version),
/// <c>name:3</c> (version 3) or <c>name@prod</c> (an alias).
/// </summary>
public sealed record ModelReference(string Name, int? Version = null, string? Alias = null)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "model reference is empty; expected 'name', 'name:VERSION' or 'name@ALIAS'";
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = text.LastIndexOf(':');
        string name;
        int? version = null;
        string? alias = null;
        if (at >= 0)
        {
            name = text[..at];
            alias = text[(at + 1)..];
            if (!ModelNames.IsValid(alias))
            {
                error = $"alias '{alias}' in '{text}' is not a valid alias name; expected {ModelNames.Pattern}";
                return false;
            }
        }
        else if (colon >= 0)
        {
            name = text[..colon];
            var versionText = text[(colon + 1)..];
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                error = $"version '{versionText}' in '{text}' is not a positive integer";
                return false;
            }

            version = v;
        }
        else
        {
            name = text;
        }

        if (!ModelNames.IsValid(name))
        {
            error = $"model name '{name}' is not valid; expected {ModelNames.Pattern}";
            return false;
        }

        reference = new ModelReference(name, version, alias);
        error = null;
        return true;
    }

    public override string ToString() =>
        Version is { } v ? $"{Name}:{v}" : Alias is { } a ? $"{Name}@{a}" : Name;
}

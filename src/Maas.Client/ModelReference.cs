using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Maas.Client;

/// <summary>
/// A model reference as users type it: <c>name</c> (the server's default version), <c>name:3</c> (version 3)
/// or <c>name@prod</c> (whatever the alias points to).
/// </summary>
public readonly record struct ModelReference
{
    public ModelReference(string name, int? version = null, string? alias = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (version is not null && alias is not null)
        {
            throw new ArgumentException("a reference names a version or an alias, not both", nameof(alias));
        }

        Name = name;
        Version = version;
        Alias = alias;
    }

    public string Name { get; }

    public int? Version { get; }

    public string? Alias { get; }

    /// <summary>True for a bare name, which the server resolves to its default version.</summary>
    public bool IsBareName => Version is null && Alias is null;

    public static ModelReference Parse(string text) =>
        TryParse(text, out var reference)
            ? reference
            : throw new FormatException($"'{text}' is not a model reference: use NAME, NAME:VERSION or NAME@ALIAS");

    public static bool TryParse([NotNullWhen(true)] string? text, out ModelReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var alias = text[(at + 1)..];
            if (at == 0 || alias.Length == 0 || alias.Contains('@', StringComparison.Ordinal) || text[..at].Contains(':', StringComparison.Ordinal))
            {
                return false;
            }

            reference = new ModelReference(text[..at], alias: alias);
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            reference = new ModelReference(text);
            return true;
        }

        if (colon == 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || version < 1)
        {
            return false;
        }

        reference = new ModelReference(text[..colon], version);
        return true;
    }

    public override string ToString() =>
        Version is { } v ? $"{Name}:{v.ToString(CultureInfo.InvariantCulture)}"
        : Alias is { } a ? $"{Name}@{a}"
        : Name;
}

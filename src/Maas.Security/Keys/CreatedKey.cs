namespace Maas.Security.Keys;

/// <summary>A new key with its secret — the only time the secret exists outside the caller's hands.</summary>
public sealed record CreatedKey(string Secret, KeyInfo Key)
{
    // Keep the secret out of logs that print records.
    public override string ToString() => $"CreatedKey {{ Key = {Key} }}";
}

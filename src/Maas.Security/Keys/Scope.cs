namespace Maas.Security.Keys;

/// <summary>
/// What a key may do. Admin implies every scope; Deploy (push, alias, delete models) does not imply Infer, so a CI
/// key that ships models cannot also run them — a key that needs both is given both.
/// </summary>
public enum Scope
{
    /// <summary>Manage keys, read usage and the audit log, and everything below.</summary>
    Admin,

    /// <summary>Push, alias and delete models.</summary>
    Deploy,

    /// <summary>Run inference.</summary>
    Infer,
}

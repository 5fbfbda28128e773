namespace Maas.Security.Audit;

/// <summary>One administrative action: who (key id), what (<c>model.push</c>, <c>key.revoke</c>, …), on what, and when.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorKeyId, string Action, string Target, string? Detail);

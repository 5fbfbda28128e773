namespace Maas.Security.Storage;

/// <summary>One step of the security schema; applied once, in order, inside its own transaction.</summary>
internal sealed record SecurityMigration(int Version, string Description, string Sql);

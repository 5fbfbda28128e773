namespace Maas.Registry.Metadata;

/// <summary>One step of the database schema; applied once, in order, inside its own transaction.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);

using Maas.Models;
using Maas.Storage;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Metadata;

/// <summary>Reads whole models (versions and aliases) in three queries, inside the caller's transaction.</summary>
internal static class ModelReader
{
    /// <summary>Every model ordered by name, or just <paramref name="name"/> when given.</summary>
    public static async Task<List<ModelRecord>> ReadAsync(
        SqliteConnection connection, SqliteTransaction transaction, string? name, CancellationToken cancellationToken)
    {
        var filter = (object?)name ?? DBNull.Value;
        var aliases = await ReadAliasesAsync(connection, transaction, filter, cancellationToken);
        var versions = await ReadVersionsAsync(connection, transaction, filter, aliases, cancellationToken);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, created FROM models WHERE $name IS NULL OR name = $name ORDER BY name;";
        command.Parameters.AddWithValue("$name", filter);
        var models = new List<ModelRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var modelName = reader.GetString(0);
            models.Add(new ModelRecord(
                modelName,
                StoredValues.ParseTimestamp(reader.GetString(1)),
                versions.TryGetValue(modelName, out var list) ? list : [],
                aliases.TryGetValue(modelName, out var map) ? map : new Dictionary<string, int>(StringComparer.Ordinal)));
        }

        return models;
    }

    private static async Task<Dictionary<string, Dictionary<string, int>>> ReadAliasesAsync(
        SqliteConnection connection, SqliteTransaction transaction, object filter, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT m.name, a.alias, a.version
            FROM aliases a JOIN models m ON m.id = a.model_id
            WHERE $name IS NULL OR m.name = $name
            ORDER BY m.name, a.alias;
            """;
        command.Parameters.AddWithValue("$name", filter);
        var aliases = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var modelName = reader.GetString(0);
            if (!aliases.TryGetValue(modelName, out var map))
            {
                map = new Dictionary<string, int>(StringComparer.Ordinal);
                aliases[modelName] = map;
            }

            map[reader.GetString(1)] = reader.GetInt32(2);
        }

        return aliases;
    }

    private static async Task<Dictionary<string, List<ModelVersionRecord>>> ReadVersionsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        object filter,
        Dictionary<string, Dictionary<string, int>> aliases,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT m.name, v.version, v.sha256, v.size, v.format, v.created, v.task, v.model_file, v.signature_json, v.manifest_json
            FROM model_versions v JOIN models m ON m.id = v.model_id
            WHERE $name IS NULL OR m.name = $name
            ORDER BY m.name, v.version;
            """;
        command.Parameters.AddWithValue("$name", filter);
        var versions = new Dictionary<string, List<ModelVersionRecord>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var modelName = reader.GetString(0);
            var number = reader.GetInt32(1);
            IReadOnlyList<string> pointing = aliases.TryGetValue(modelName, out var map)
                ? map.Where(a => a.Value == number).Select(a => a.Key).ToList()
                : [];
            if (!versions.TryGetValue(modelName, out var list))
            {
                list = [];
                versions[modelName] = list;
            }

            list.Add(new ModelVersionRecord(
                modelName,
                number,
                reader.GetString(2),
                reader.GetInt64(3),
                StoredValues.ParseArtifactFormat(reader.GetString(4)),
                StoredValues.ParseTimestamp(reader.GetString(5)),
                reader.GetString(6),
                reader.GetString(7),
                SignatureJson.Deserialize(reader.GetString(8)),
                pointing)
            {
                Manifest = reader.IsDBNull(9) ? null : ModelManifestJson.Deserialize(reader.GetString(9)),
            });
        }

        return versions;
    }
}

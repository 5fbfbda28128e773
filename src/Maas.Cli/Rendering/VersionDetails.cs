using System.Globalization;
using Maas.Client;
using Spectre.Console;

namespace Maas.Cli.Rendering;

/// <summary>The version document as a two-column field/value table, followed by its signature.</summary>
internal static class VersionDetails
{
    public static void Write(IAnsiConsole console, ModelVersionInfo version)
    {
        // Borderless so a full sha256 still fits on one line of an 80-column pipe, where Spectre assumes 80.
        var table = new Table().Border(TableBorder.None).HideHeaders().AddColumns("field", "value");
        table.AddTextRow("name", version.Name);
        table.AddTextRow("version", version.Version.ToString(CultureInfo.InvariantCulture));
        table.AddTextRow("state", version.State);
        if (!string.IsNullOrEmpty(version.Error))
        {
            table.AddTextRow("error", version.Error);
        }

        table.AddTextRow("aliases", version.Aliases.Count == 0 ? "-" : string.Join(", ", version.Aliases));
        table.AddTextRow("task", version.Task ?? "-");
        table.AddTextRow("format", version.Format ?? "-");
        table.AddTextRow("platform", version.Platform ?? "-");
        table.AddTextRow("model file", version.ModelFile ?? "-");
        table.AddTextRow("size", ByteSize.Format(version.Size));
        table.AddTextRow("sha256", version.Sha256);
        table.AddTextRow("created", version.Created.ToString("u", CultureInfo.InvariantCulture));
        console.Write(table);
        console.Write(SignatureTable.Build(version));
    }
}

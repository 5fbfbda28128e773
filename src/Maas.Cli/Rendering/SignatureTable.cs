using System.Globalization;
using Maas.Client;
using Spectre.Console;

namespace Maas.Cli.Rendering;

/// <summary>A model's inputs and outputs, one row per tensor.</summary>
internal static class SignatureTable
{
    public static Table Build(ModelVersionInfo version)
    {
        var table = new Table().AddColumns("", "name", "datatype", "shape");
        foreach (var input in version.Inputs)
        {
            table.AddTextRow("input", input.Name, input.Datatype, Shape(input.Shape));
        }

        foreach (var output in version.Outputs)
        {
            table.AddTextRow("output", output.Name, output.Datatype, Shape(output.Shape));
        }

        return table;
    }

    public static string Shape(IReadOnlyList<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

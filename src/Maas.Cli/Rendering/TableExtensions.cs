using Spectre.Console;
using Spectre.Console.Rendering;

namespace Maas.Cli.Rendering;

internal static class TableExtensions
{
    /// <summary>
    /// Adds a row of plain text: Spectre's string overload parses markup, and model names, errors or shapes
    /// such as <c>[-1,10]</c> would be misread as style tags.
    /// </summary>
    public static Table AddTextRow(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell)));
}

using System.Text.RegularExpressions;

namespace Maas.Server.Tests.Readme;

/// <summary>One ```sh block of README.md: where it starts, its code, and why it is not run when it is marked so.</summary>
public sealed record ReadmeBlock(int Line, string Code, string? SkipReason);

/// <summary>
/// Reads the shell blocks of a Markdown file. A block is left out only when the line before it is
/// <c>&lt;!-- readme-test: skip (reason) --&gt;</c>; the reason is required, so every exclusion says why.
/// </summary>
public static partial class ReadmeBlocks
{
    public static IReadOnlyList<ReadmeBlock> Parse(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!ShellFence().IsMatch(lines[i]))
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"README.md line {start}: the ```sh block is never closed");
            }

            var skip = i > 0 ? SkipMarker().Match(lines[i - 1]) : Match.Empty;
            blocks.Add(new ReadmeBlock(start, string.Join('\n', lines[start..end]), skip.Success ? skip.Groups["reason"].Value : null));
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^```(sh|bash)\b")]
    private static partial Regex ShellFence();

    [GeneratedRegex(@"^<!-- readme-test: skip \((?<reason>.+)\) -->\s*$")]
    private static partial Regex SkipMarker();
}

using System.Text.RegularExpressions;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>Replaces every match of a literal or regex pattern; replacement chars align with the whole match.</summary>
internal sealed class ReplaceNormalizer(Regex pattern, string content) : INormalizer
{
    public AlignedString Normalize(AlignedString input)
    {
        var match = pattern.Match(input.Text);
        if (!match.Success)
        {
            return input;
        }

        var builder = new AlignedBuilder(input.Length + 8);
        var last = 0;
        for (; match.Success; match = match.NextMatch())
        {
            if (match.Length == 0)
            {
                continue;
            }

            builder.AppendFrom(input, last, match.Index - last);
            var (start, end) = input.OriginalSpan(match.Index, match.Index + match.Length);
            builder.Append(content, start, end);
            last = match.Index + match.Length;
        }

        builder.AppendFrom(input, last, input.Length - last);
        return builder.Build();
    }
}

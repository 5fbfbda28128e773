using System.Text;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>
/// Rewrites text one code point at a time. The mapper returns null to keep the code point, "" to drop it,
/// or its replacement; replacement chars inherit the original span of the code point they replace.
/// </summary>
internal static class RuneMap
{
    public static AlignedString Apply(AlignedString input, Func<Rune, string?> map)
    {
        var text = input.Text;
        AlignedBuilder? builder = null;
        for (var i = 0; i < text.Length;)
        {
            var len = AlignedString.RuneLength(text, i);
            var replacement = map(AlignedString.RuneAt(text, i, len));
            if (replacement is null)
            {
                builder?.AppendFrom(input, i, len);
            }
            else
            {
                if (builder is null)
                {
                    builder = new AlignedBuilder(text.Length + 8);
                    builder.AppendFrom(input, 0, i);
                }

                builder.Append(replacement, input.Starts[i], input.Ends[i + len - 1]);
            }

            i += len;
        }

        return builder?.Build() ?? input;
    }
}

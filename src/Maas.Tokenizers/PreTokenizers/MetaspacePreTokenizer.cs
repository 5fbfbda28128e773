using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>How Metaspace prepends its replacement char (HF's PrependScheme).</summary>
internal enum PrependScheme
{
    Always,
    First,
    Never,
}

/// <summary>
/// SentencePiece-style: ' ' → '▁', prepend '▁' (always, or only to the piece that starts the input), and
/// optionally split so each '▁' opens a new piece.
/// </summary>
internal sealed class MetaspacePreTokenizer(char replacement, PrependScheme prependScheme, bool split) : IPreTokenizer
{
    public void Split(AlignedString piece, List<AlignedString> output)
    {
        var builder = new AlignedBuilder(piece.Length + 1);
        var prepend = prependScheme switch
        {
            PrependScheme.Always => true,
            // "First" means: this piece begins at offset 0 of the original input (not after an added token).
            PrependScheme.First => piece.Starts[0] == 0,
            _ => false,
        };
        if (prepend && piece.Text[0] is not ' ' && piece.Text[0] != replacement)
        {
            builder.Append(replacement, piece.Starts[0], piece.Ends[0]);
        }

        for (var i = 0; i < piece.Length; i++)
        {
            builder.Append(piece.Text[i] == ' ' ? replacement : piece.Text[i], piece.Starts[i], piece.Ends[i]);
        }

        var replaced = builder.Build();
        if (!split)
        {
            output.Add(replaced);
            return;
        }

        Splitter.Split(replaced, Splitter.CharMatches(replaced.Text, r => r.Value == replacement), SplitBehavior.MergedWithNext, invert: false, output);
    }
}

using System.Text;

namespace Maas.Tokenizers.Text;

/// <summary>Builds an <see cref="AlignedString"/> char by char, each char tagged with its original span.</summary>
internal sealed class AlignedBuilder
{
    private readonly StringBuilder _text;
    private readonly List<int> _starts;
    private readonly List<int> _ends;

    public AlignedBuilder(int capacity)
    {
        _text = new StringBuilder(capacity);
        _starts = new List<int>(capacity);
        _ends = new List<int>(capacity);
    }

    public int Length => _text.Length;

    public void Append(char c, int start, int end)
    {
        _text.Append(c);
        _starts.Add(start);
        _ends.Add(end);
    }

    public void Append(ReadOnlySpan<char> chars, int start, int end)
    {
        foreach (var c in chars)
        {
            Append(c, start, end);
        }
    }

    /// <summary>Copies chars [start, start + length) of <paramref name="source"/> with their own alignment.</summary>
    public void AppendFrom(AlignedString source, int start, int length)
    {
        _text.Append(source.Text, start, length);
        for (var i = start; i < start + length; i++)
        {
            _starts.Add(source.Starts[i]);
            _ends.Add(source.Ends[i]);
        }
    }

    public AlignedString Build() => new(_text.ToString(), [.. _starts], [.. _ends]);
}

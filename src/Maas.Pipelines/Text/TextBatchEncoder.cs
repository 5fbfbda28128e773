using System.Runtime.InteropServices;
using Maas.Inference;
using Maas.Models;
using Maas.Tensors;
using Maas.Tokenizers;

namespace Maas.Pipelines.Text;

/// <summary>
/// Texts → one padded request. Each text is truncated to the model's maximum length (special tokens included), the
/// batch is right-padded to its longest text rounded up to <c>padMultiple</c> (never to the model maximum), and the
/// matrices are written straight into pooled buffers in the integer type each input declares.
/// </summary>
internal sealed class TextBatchEncoder
{
    // Tokenising megabytes only to keep the first few hundred tokens wastes CPU; a prefix this long always holds
    // more than maxLength tokens for real text, and offsets stay valid because it is a prefix.
    private const int MinCharacterWindow = 100_000;
    private const int CharactersPerTokenWindow = 100;

    private readonly HfTokenizer _tokenizer;
    private readonly TextInputs _inputs;
    private readonly int _padMultiple;
    private readonly int _padId;

    public TextBatchEncoder(HfTokenizer tokenizer, ModelSignature signature, int? maxLength, int padMultiple)
    {
        _tokenizer = tokenizer;
        _inputs = TextInputs.From(signature);
        MaxLength = Min(tokenizer.ModelMaxLength, maxLength) ?? 512;
        _padMultiple = padMultiple;
        _padId = tokenizer.PadTokenId ?? 0;
    }

    /// <summary>Tokens per text after truncation: tokenizer_config's model_max_length and the model's positions, the smaller.</summary>
    public int MaxLength { get; }

    public HfTokenizer Tokenizer => _tokenizer;

    public TextBatch Encode(IReadOnlyList<string> texts)
    {
        var encodings = new Encoding[texts.Count];
        var longest = 0;
        var window = Math.Max(MinCharacterWindow, MaxLength * CharactersPerTokenWindow);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i].Length > window ? texts[i][..window] : texts[i];
            encodings[i] = _tokenizer.Encode(text, addSpecialTokens: true, MaxLength);
            longest = Math.Max(longest, encodings[i].Length);
        }

        var length = Math.Max(1, Math.Min(RoundUp(longest, _padMultiple), Math.Max(longest, MaxLength)));
        var owned = new List<PooledBuffer>(3);
        var tensors = new List<Tensor>(3);
        try
        {
            tensors.Add(Matrix(_inputs.InputIds, encodings, length, e => e.Ids, _padId, owned));
            if (_inputs.AttentionMask is { } mask)
            {
                tensors.Add(Matrix(mask, encodings, length, e => e.AttentionMask, 0, owned));
            }

            if (_inputs.TokenTypeIds is { } types)
            {
                tensors.Add(Matrix(types, encodings, length, e => e.TypeIds, 0, owned));
            }
        }
        catch
        {
            owned.ForEach(b => b.Dispose());
            throw;
        }

        var request = new InferenceRequest(tensors);
        owned.ForEach(request.Own);
        return new TextBatch(encodings, length, request);
    }

    private static Tensor Matrix(TensorSpec spec, Encoding[] rows, int width, Func<Encoding, int[]> values, int pad, List<PooledBuffer> owned)
    {
        var wide = spec.DataType == TensorDataType.Int64;
        var buffer = new PooledBuffer(rows.Length * width * (wide ? 8 : 4));
        owned.Add(buffer);
        if (wide)
        {
            var matrix = MemoryMarshal.Cast<byte, long>(buffer.Memory.Span);
            matrix.Fill(pad);
            for (var r = 0; r < rows.Length; r++)
            {
                var source = values(rows[r]);
                var row = matrix.Slice(r * width, width);
                for (var i = 0; i < source.Length; i++)
                {
                    row[i] = source[i];
                }
            }
        }
        else
        {
            var matrix = MemoryMarshal.Cast<byte, int>(buffer.Memory.Span);
            matrix.Fill(pad);
            for (var r = 0; r < rows.Length; r++)
            {
                values(rows[r]).CopyTo(matrix.Slice(r * width, width));
            }
        }

        return Tensor.FromBytes(spec.Name, spec.DataType, [rows.Length, width], buffer.Memory);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static int? Min(int? a, int? b) => (a, b) switch
    {
        ({ } x, { } y) => Math.Min(x, y),
        _ => a ?? b,
    };
}

namespace Maas.Llm.Caching;

/// <summary>
/// The key/value cache of one sequence: 2 × layers tensors (key, value per layer), each [heads, capacity, head_dim]
/// in managed memory. Capacity grows by doubling up to the tokens the sequence reserved, so a short answer never holds
/// a full context's worth of memory. Copies in and out are per head, one contiguous span each: gather = the whole past,
/// store = the positions not stored yet.
/// <para>
/// <see cref="Length"/> counts the positions the model has seen; <see cref="StoredLength"/> those copied in here. They
/// differ only while the sequence decodes in an unchanged batch: the step executor then feeds the previous presents
/// back as they are and stores the tail once the batch changes, instead of copying every token out on every step.
/// </para>
/// </summary>
internal sealed class SequenceKvCache
{
    private const int InitialCapacity = 32;

    private readonly int _heads;
    private readonly int _headDim;
    private readonly int _maxTokens;
    private float[][] _tensors;
    private int _capacity;

    public SequenceKvCache(int layers, int heads, int headDim, int maxTokens)
    {
        _heads = heads;
        _headDim = headDim;
        _maxTokens = maxTokens;
        _capacity = Math.Min(InitialCapacity, maxTokens);
        _tensors = new float[layers * 2][];
        for (var t = 0; t < _tensors.Length; t++)
        {
            _tensors[t] = new float[heads * _capacity * headDim];
        }
    }

    /// <summary>Positions the model has seen for this sequence (its past on the next forward pass).</summary>
    public int Length { get; private set; }

    /// <summary>Positions whose keys and values are copied into this cache; at most <see cref="Length"/>.</summary>
    public int StoredLength { get; private set; }

    /// <summary>Writes tensor <paramref name="tensor"/> into row <paramref name="row"/> of a [rows, heads, width, head_dim] past, zeros on the left.</summary>
    public void CopyTo(int tensor, Span<float> batch, int row, int width)
    {
        if (StoredLength != Length)
        {
            throw new InvalidOperationException($"the cache holds {StoredLength} of its {Length} positions; store the rest before gathering");
        }

        var source = _tensors[tensor];
        var pad = (width - Length) * _headDim;
        for (var h = 0; h < _heads; h++)
        {
            var target = batch.Slice(((row * _heads) + h) * width * _headDim, width * _headDim);
            target[..pad].Clear();
            source.AsSpan(h * _capacity * _headDim, Length * _headDim).CopyTo(target[pad..]);
        }
    }

    /// <summary>Records that the model has seen <paramref name="count"/> more positions; their values are stored later.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>
    /// Copies the positions not stored yet — the last <c>Length - StoredLength</c> of row <paramref name="row"/> of a
    /// [rows, heads, width, head_dim] present, whose last column is this sequence's newest position — into tensor
    /// <paramref name="tensor"/>. Call <see cref="MarkStored"/> once every tensor is copied.
    /// </summary>
    public void Store(int tensor, ReadOnlySpan<float> present, int row, int width)
    {
        var count = Length - StoredLength;
        EnsureCapacity(Length);
        var target = _tensors[tensor];
        for (var h = 0; h < _heads; h++)
        {
            present.Slice(((((row * _heads) + h) * width) + width - count) * _headDim, count * _headDim)
                .CopyTo(target.AsSpan(((h * _capacity) + StoredLength) * _headDim));
        }
    }

    public void MarkStored() => StoredLength = Length;

    private void EnsureCapacity(int needed)
    {
        if (needed <= _capacity)
        {
            return;
        }

        if (needed > _maxTokens)
        {
            throw new InvalidOperationException($"sequence cache reserved {_maxTokens} tokens; {needed} requested");
        }

        var capacity = Math.Min(Math.Max(needed, _capacity * 2), _maxTokens);
        for (var t = 0; t < _tensors.Length; t++)
        {
            var grown = new float[_heads * capacity * _headDim];
            for (var h = 0; h < _heads; h++)
            {
                _tensors[t].AsSpan(h * _capacity * _headDim, StoredLength * _headDim).CopyTo(grown.AsSpan(h * capacity * _headDim));
            }

            _tensors[t] = grown;
        }

        _capacity = capacity;
    }
}

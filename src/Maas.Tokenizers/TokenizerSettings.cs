namespace Maas.Tokenizers;

/// <summary>The <c>truncation</c> block of tokenizer.json, as written (the tokenizer never truncates on its own).</summary>
public sealed record TruncationSettings(int MaxLength, string Strategy, int Stride, bool TruncateLeft);

/// <summary>The <c>padding</c> block of tokenizer.json, as written (the tokenizer never pads on its own).</summary>
public sealed record PaddingSettings(int PadId, string PadToken, int PadTypeId, bool PadLeft, int? FixedLength);

namespace Maas.Tokenizers.Pipeline;

/// <summary>One token of a sequence on its way to an <see cref="Encoding"/>; offsets are in the original text.</summary>
internal readonly record struct EncodedToken(int Id, string Value, int Start, int End, int TypeId, bool Special);

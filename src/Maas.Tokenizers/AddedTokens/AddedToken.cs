namespace Maas.Tokenizers.AddedTokens;

/// <summary>An <c>added_tokens</c> entry of tokenizer.json.</summary>
internal sealed record AddedToken(int Id, string Content, bool SingleWord, bool LStrip, bool RStrip, bool Normalized, bool Special);

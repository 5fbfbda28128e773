namespace Maas.Tokenizers.Models;

/// <summary>A token a model produced, with [Start, End) in chars of the piece it tokenized.</summary>
internal readonly record struct ModelToken(int Id, string Value, int Start, int End);

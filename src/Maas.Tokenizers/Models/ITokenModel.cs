namespace Maas.Tokenizers.Models;

/// <summary>The tokenizer.json <c>model</c>: turns one pre-tokenized piece into tokens.</summary>
internal interface ITokenModel
{
    void Tokenize(string piece, List<ModelToken> output);

    Vocabulary Vocabulary { get; }
}

namespace Maas.Tokenizers.Models;

/// <summary>One token per piece: its vocabulary id, else the unk token.</summary>
internal sealed class WordLevelModel(Vocabulary vocabulary, string? unkToken) : ITokenModel
{
    public Vocabulary Vocabulary => vocabulary;

    public void Tokenize(string piece, List<ModelToken> output)
    {
        if (vocabulary.TryGetId(piece, out var id))
        {
            output.Add(new ModelToken(id, piece, 0, piece.Length));
        }
        else if (unkToken is not null && vocabulary.TryGetId(unkToken, out var unkId))
        {
            output.Add(new ModelToken(unkId, unkToken, 0, piece.Length));
        }
    }
}

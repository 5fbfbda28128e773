namespace Maas.Tokenizers;

/// <summary>A tokenizer.json (or tokenizer_config.json) this library cannot reproduce exactly; the message names the component.</summary>
public sealed class TokenizerLoadException : Exception
{
    public TokenizerLoadException(string message)
        : base(message)
    {
    }

    public TokenizerLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TokenizerLoadException()
    {
    }
}

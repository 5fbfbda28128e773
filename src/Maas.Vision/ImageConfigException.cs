namespace Maas.Vision;

/// <summary>A preprocessor_config.json field is malformed or asks for something not implemented.</summary>
public sealed class ImageConfigException : Exception
{
    public ImageConfigException(string field, string message)
        : base($"preprocessor config field '{field}': {message}")
    {
        Field = field;
    }

    /// <summary>The JSON key at fault, as spelled in preprocessor_config.json.</summary>
    public string Field { get; }
}

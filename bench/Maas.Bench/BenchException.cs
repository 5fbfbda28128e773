namespace Maas.Bench;

/// <summary>A failure the benchmark reports as one line and a non-zero exit code.</summary>
internal sealed class BenchException : Exception
{
    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BenchException()
    {
    }
}

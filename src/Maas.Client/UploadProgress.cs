namespace Maas.Client;

/// <summary>How far an upload has got: bytes handed to the connection so far out of <see cref="TotalBytes"/>.</summary>
public readonly record struct UploadProgress(long BytesSent, long TotalBytes)
{
    public double Fraction => TotalBytes <= 0 ? 1 : (double)BytesSent / TotalBytes;
}

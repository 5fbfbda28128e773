namespace Maas.Cli.Tests.Fakes;

/// <summary>What the fake server saw of one push.</summary>
internal sealed record RecordedUpload(string Name, string? ContentType, long? ContentLength, byte[] Body, string? Alias, string? Authorization);

namespace Maas.Cli;

/// <summary>A failure whose message is already the one line the user should read.</summary>
internal sealed class CliException(string message) : Exception(message);

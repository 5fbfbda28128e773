namespace Maas.Server;

/// <summary>Entry point used by <c>maas serve</c>: builds the web host and runs it until shutdown.</summary>
public static class MaasServerHost
{
    /// <summary>Runs the server; returns the process exit code. Placeholder until the host lands.</summary>
    public static Task<int> RunAsync(MaasServerOptions options, string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = args;
        _ = cancellationToken;
        return Task.FromResult(1);
    }
}

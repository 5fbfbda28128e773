using System.Text.RegularExpressions;
using Maas.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Maas.Server.Hosting;

/// <summary>What <c>maas serve</c> says when it cannot start: one sentence with the address and the way out.</summary>
internal static partial class StartupFailures
{
    public static bool IsAddressInUse(IOException error) =>
        error.InnerException is AddressInUseException || error.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    public static MaasException AddressInUse(IOException error, string configured)
    {
        var address = BindAddress().Match(error.Message) is { Success: true } match ? match.Groups[1].Value : configured;
        return MaasException.Conflict(
            $"cannot listen on {address}: the address is already in use by another program (or another maas serve); "
            + "choose another with --urls (or MAAS_URLS), e.g. --urls http://127.0.0.1:8081");
    }

    [GeneratedRegex(@"bind to address (\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}

/// <summary>
/// Until the server has started, Kestrel's "Unable to start Kestrel" (Critical) and the host's "Hosting failed to
/// start" (Error) are dropped: both carry the stack trace of a failure <see cref="MaasServerHost.RunAsync"/> reports
/// itself in one sentence. Once started, every log line goes through as configured.
/// </summary>
internal sealed class StartupLogGate
{
    private volatile bool _open;

    public void Open() => _open = true;

    /// <summary>
    /// Wraps every configured rule rather than adding one: the logger picks the single most specific rule for a
    /// category, so an added catch-all would lose to "Microsoft.AspNetCore" and, where it won, drop the rule's level.
    /// </summary>
    public void Install(LoggerFilterOptions options)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var inner = rule.Filter;
            options.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, rule.LogLevel,
                (provider, category, level) => (_open || !IsStartupFailure(category, level)) && (inner is null || inner(provider, category, level)));
        }
    }

    private static bool IsStartupFailure(string? category, LogLevel level) =>
        (level >= LogLevel.Critical && category == "Microsoft.AspNetCore.Server.Kestrel")
        || (level >= LogLevel.Error && category == "Microsoft.Extensions.Hosting.Internal.Host");
}

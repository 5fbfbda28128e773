using Maas.Security.Keys;
using Maas.Security.Limits;

namespace Maas.Security.Tests;

/// <summary>Keys built in memory for the limiter and grant tests, which never touch the key store.</summary>
internal static class TestKeys
{
    public static KeyInfo With(KeyLimits? limits = null, Scope[]? scopes = null, string[]? patterns = null, string id = "k1") =>
        new(id, "test", "maas_AbCdEfG", scopes ?? [Scope.Infer], patterns ?? [], DateTimeOffset.UnixEpoch, null, null, null, limits);
}

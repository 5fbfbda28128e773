using Maas.Client;
using Xunit;

namespace Maas.Cli.Tests.Client;

public sealed class ResolveVersionTests
{
    private static ModelInfo Model(params (string Alias, int Version)[] aliases) => new()
    {
        Name = "mlp",
        Aliases = aliases.ToDictionary(a => a.Alias, a => a.Version),
        Versions = [new ModelVersionInfo { Name = "mlp", Version = 1 }, new ModelVersionInfo { Name = "mlp", Version = 3 }],
    };

    [Fact]
    public void ResolveVersion_BareNameWithDefaultAlias_PrefersDefaultOverLatest() =>
        Assert.Equal(1, MaasClient.ResolveVersion(Model(("latest", 3), ("default", 1)), ModelReference.Parse("mlp")));

    [Fact]
    public void ResolveVersion_BareNameWithoutAliases_TakesHighestVersion() =>
        Assert.Equal(3, MaasClient.ResolveVersion(Model(), ModelReference.Parse("mlp")));

    [Fact]
    public void ResolveVersion_UnknownAlias_Throws404NamingTheAlias()
    {
        var error = Assert.Throws<MaasApiException>(() => MaasClient.ResolveVersion(Model(("prod", 1)), ModelReference.Parse("mlp@canary")));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("'canary'", error.Message, StringComparison.Ordinal);
    }
}

using Maas.Client;
using Xunit;

namespace Maas.Cli.Tests.Client;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("mlp", "mlp", null, null)]
    [InlineData("mlp:3", "mlp", 3, null)]
    [InlineData("mlp@prod", "mlp", null, "prod")]
    [InlineData("bert-tiny.v2@canary", "bert-tiny.v2", null, "canary")]
    public void Parse_ValidReference_SplitsNameVersionAndAlias(string text, string name, int? version, string? alias)
    {
        var reference = ModelReference.Parse(text);

        Assert.Equal(name, reference.Name);
        Assert.Equal(version, reference.Version);
        Assert.Equal(alias, reference.Alias);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("mlp:")]
    [InlineData("mlp:0")]
    [InlineData("mlp:-1")]
    [InlineData("mlp:x")]
    [InlineData(":3")]
    [InlineData("@prod")]
    [InlineData("mlp@")]
    [InlineData("mlp:3@prod")]
    public void TryParse_MalformedReference_ReturnsFalse(string text) =>
        Assert.False(ModelReference.TryParse(text, out _));

    [Fact]
    public void Parse_MalformedReference_MessageShowsTheAcceptedForms()
    {
        var error = Assert.Throws<FormatException>(() => ModelReference.Parse("mlp:x"));

        Assert.Contains("NAME:VERSION", error.Message, StringComparison.Ordinal);
    }
}

using Maas.Errors;
using Maas.Security.Keys;

namespace Maas.Security.Tests.Keys;

public sealed class ScopeAndGrantTests
{
    [Fact]
    public void Parse_CommaSeparatedAnyCase_ReturnsDistinctScopesInOrder()
    {
        Assert.Equal([Scope.Deploy, Scope.Infer], Scope.Parse("infer,deploy"));
        Assert.Equal([Scope.Admin, Scope.Infer], Scope.Parse(" Infer , ADMIN ,infer"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("infer,root")]
    public void Parse_UnknownOrEmpty_ThrowsInvalidInput(string text)
    {
        var error = Assert.Throws<MaasException>(() => Scope.Parse(text));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Format_Scopes_RoundTripsThroughParse()
    {
        Assert.Equal("admin,infer", ScopeText.Format([Scope.Infer, Scope.Admin]));
        Assert.Equal([Scope.Admin, Scope.Infer], Scope.Parse(ScopeText.Format([Scope.Infer, Scope.Admin])));
    }

    [Theory]
    [InlineData("admin", Scope.Admin, true)]
    [InlineData("admin", Scope.Deploy, true)]
    [InlineData("admin", Scope.Infer, true)]
    [InlineData("deploy", Scope.Admin, false)]
    [InlineData("deploy", Scope.Deploy, true)]
    [InlineData("deploy", Scope.Infer, false)]
    [InlineData("infer", Scope.Admin, false)]
    [InlineData("infer", Scope.Deploy, false)]
    [InlineData("infer", Scope.Infer, true)]
    [InlineData("deploy,infer", Scope.Infer, true)]
    [InlineData("deploy,infer", Scope.Admin, false)]
    public void Allows_ScopeMatrix_AdminImpliesAllOthersOnlyThemselves(string granted, Scope required, bool expected)
    {
        var key = TestKeys.With(scopes: [.. Scope.Parse(granted)]);

        Assert.Equal(expected, key.Allows(required));
    }

    [Fact]
    public void EnsureAllowed_MissingScope_ThrowsForbidden()
    {
        var key = TestKeys.With(scopes: [Scope.Infer]);

        var error = Assert.Throws<MaasException>(() => key.EnsureAllowed(Scope.Deploy));

        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        key.EnsureAllowed(Scope.Infer);
    }

    [Theory]
    [InlineData("", "anything", true)]
    [InlineData("sentiment", "sentiment", true)]
    [InlineData("sentiment", "sentiment-v2", false)]
    [InlineData("llm-*", "llm-qwen", true)]
    [InlineData("llm-*", "llm-", true)]
    [InlineData("llm-*", "embed-llm-x", false)]
    [InlineData("llm-*,sentiment", "sentiment", true)]
    [InlineData("llm-*,sentiment", "resnet", false)]
    [InlineData("*-7b", "qwen-7b", true)]
    [InlineData("*-7b", "qwen-7b-chat", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxcyyb", false)]
    [InlineData("*", "resnet", true)]
    public void CanUseModel_PatternMatrix_MatchesWildcards(string patterns, string model, bool expected)
    {
        var key = TestKeys.With(patterns: patterns.Split(',', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(expected, key.CanUseModel(model));
    }

    [Fact]
    public void EnsureCanUseModel_NotGranted_ThrowsForbidden()
    {
        var key = TestKeys.With(patterns: ["llm-*"]);

        var error = Assert.Throws<MaasException>(() => key.EnsureCanUseModel("resnet"));

        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public void IsMatch_ManyStarsAgainstLongMiss_FinishesQuickly()
    {
        // A backtracking matcher would take exponential time here; the linear walk does not.
        Assert.False(ModelGrants.IsMatch("*a*a*a*a*a*a*a*a*a*b", new string('a', 64)));
    }
}

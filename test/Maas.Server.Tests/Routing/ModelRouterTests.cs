using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Routing;
using Maas.Routing.Generation;
using Maas.Routing.Tasks;
using Maas.Security.Keys;
using Maas.Tensors;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Routing;

/// <summary>
/// The router is the only way to a model: every kind of work needs a caller, and a caller without the model's grant
/// is refused by the router itself, whichever route (or future protocol) calls it.
/// </summary>
public sealed class ModelRouterTests(RouterServer fixture) : IClassFixture<RouterServer>
{
    private ModelRouter Router => fixture.Server.Services.GetRequiredService<ModelRouter>();

    public static TheoryData<string> EveryKindOfWork => ["tensors", "task", "embeddings", "generation"];

    [Fact]
    public void RoutedModel_HasNoPublicConstructor_SoOnlyTheRouterCanVouchForAGrant()
    {
        Assert.Empty(typeof(RoutedModel).GetConstructors());
    }

    [Theory]
    [MemberData(nameof(EveryKindOfWork))]
    public async Task Call_WithoutCaller_IsRefused(string work)
    {
        Assert.Throws<ArgumentNullException>(() => Router.Resolve(null!, Reference(ModelFor(work))));
        Assert.Throws<ArgumentNullException>(() => Router.Resolve(null!, ModelFor(work)));
        Assert.Throws<ArgumentNullException>(() => Router.Resolve(null!, ModelFor(work), 1));
        await Assert.ThrowsAsync<ArgumentNullException>(() => RunAsync(work, null!));
    }

    [Theory]
    [MemberData(nameof(EveryKindOfWork))]
    public void Call_WithoutGrant_IsForbiddenBeforeTheModelIsTouched(string work)
    {
        var caller = new Caller(Key("other"));

        var byReference = Assert.Throws<MaasException>(() => Router.Resolve(caller, ModelFor(work)));
        var byVersion = Assert.Throws<MaasException>(() => Router.Resolve(caller, ModelFor(work), 1));

        Assert.Equal(ErrorKind.Forbidden, byReference.Kind);
        Assert.Equal(ErrorKind.Forbidden, byVersion.Kind);
        Assert.Contains($"not granted model '{ModelFor(work)}'", byReference.Message, StringComparison.Ordinal);
        Assert.Null(caller.Model);
    }

    [Fact]
    public void Call_WithoutGrant_ToAMissingModel_IsForbiddenNotNotFound()
    {
        var caller = new Caller(Key("other"));

        var error = Assert.Throws<MaasException>(() => Router.Resolve(caller, "does-not-exist"));

        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Theory]
    [MemberData(nameof(EveryKindOfWork))]
    public async Task Call_WithWildcardGrant_RunsAndIsMeteredToTheCaller(string work)
    {
        var caller = new Caller(Key(work == "generation" ? "gpt*" : ModelFor(work)));

        await RunAsync(work, caller);

        Assert.Equal(ModelFor(work), caller.Model);
        var usage = caller.Usage;
        switch (work)
        {
            case "embeddings":
                Assert.True(usage.InputTokens > 0, "embedded tokens are metered");
                break;
            case "generation":
                Assert.True(usage.InputTokens > 0 && usage.OutputTokens == 3, $"prompt and 3 generated tokens are metered, got {usage}");
                break;
        }
    }

    [Fact]
    public void Resolve_UnknownModel_NamesTheModelField()
    {
        var error = Assert.Throws<MaasException>(() => Router.Resolve(Caller.Local(), "nope@prod"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("model", error.Param);
        Assert.Equal("model_not_found", error.Code);
    }

    [Fact]
    public async Task WrongKindOfWork_IsA400NamingTheModel()
    {
        var mlp = Router.Resolve(Caller.Local(), "mlp");
        var call = new GenerationCall([new GenerationPrompt.Text("hi")], 1, new GenerationOptions(), [], "prompt");

        var generation = await Assert.ThrowsAsync<MaasException>(() => Router.GenerateAsync(mlp, call, CancellationToken.None));
        var embeddings = await Assert.ThrowsAsync<MaasException>(() => Router.EmbedAsync(mlp, ["hi"], null, CancellationToken.None));

        Assert.Equal((ErrorKind.InvalidInput, "model"), (generation.Kind, generation.Param));
        Assert.Equal((ErrorKind.InvalidInput, "model"), (embeddings.Kind, embeddings.Param));
    }

    private static string ModelFor(string work) => work switch
    {
        "tensors" => "mlp",
        "task" => "sentiment",
        "embeddings" => "embed",
        _ => "gpt2",
    };

    private static ModelReference Reference(string text)
    {
        ModelReference.TryParse(text, out var reference, out _);
        return reference!;
    }

    private static KeyInfo Key(string pattern) =>
        new("k_test", "test", "maas_test", [Scope.Infer], [pattern], DateTimeOffset.UnixEpoch, null, null, null, null);

    /// <summary>One call of the given kind, resolving through the caller (a null caller must fail at once).</summary>
    private async Task RunAsync(string work, Caller caller)
    {
        var target = Router.Resolve(caller, ModelFor(work));
        var ct = CancellationToken.None;
        switch (work)
        {
            case "tensors":
                using (var request = new InferenceRequest([Tensor.FromArray("x", TensorDataType.Fp32, [1, 10], new float[10])]))
                using (var response = await Router.InferAsync(target, request, ct))
                {
                    Assert.Equal([1, 1], response.Outputs[0].Shape);
                }

                break;
            case "task":
                var answer = await Router.RunTaskAsync(target, new TaskCall(["i love it"], null, "instances"), ct);
                Assert.Single(answer.Classifications!);
                break;
            case "embeddings":
                var embedded = await Router.EmbedAsync(target, ["hello"], null, ct);
                Assert.Single(embedded.Vectors);
                break;
            default:
                var call = new GenerationCall(
                    [new GenerationPrompt.Text("one two three")], 1, new GenerationOptions { Temperature = 0, MaxTokens = 3, IgnoreEos = true }, [], "prompt");
                using (var run = await Router.GenerateAsync(target, call, ct))
                {
                    var results = await run.CollectAsync();
                    Assert.Equal(3, results[0].Tokens.Count);
                }

                break;
        }
    }
}

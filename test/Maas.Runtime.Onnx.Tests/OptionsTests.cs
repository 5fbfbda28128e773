using Maas.Inference;
using Maas.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>Configuration binding, validation and DI registration of the backend.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void AddOnnxRuntimeBackend_WithConfiguration_ResolvesOneBoundBackend()
    {
        var configuration = Configuration(("Maas:Onnx:IntraOpThreads", "2"), ("Maas:Onnx:GraphOptimizationLevel", "basic"));
        var services = new ServiceCollection().AddOnnxRuntimeBackend(configuration).AddOnnxRuntimeBackend(configuration);
        using var provider = services.BuildServiceProvider();

        var backend = Assert.Single(provider.GetServices<IModelBackend>());
        var options = provider.GetRequiredService<IOptions<OnnxOptions>>().Value;

        Assert.Equal("onnxruntime_onnx", backend.Platform);
        Assert.Equal(2, options.IntraOpThreads);
        Assert.Equal(1, options.InterOpThreads);
        Assert.Equal("basic", options.GraphOptimizationLevel);
        Assert.False(options.AllowSpinning);
        using var model = backend.Load(SharedModels.PathOf("mlp-regression"), new ModelLoadSettings());
        Assert.Equal("model.onnx", model.ModelFile);
    }

    [Theory]
    [InlineData("Maas:Onnx:IntraOpThreads", "-1")]
    [InlineData("Maas:Onnx:InterOpThreads", "-4")]
    [InlineData("Maas:Onnx:GraphOptimizationLevel", "turbo")]
    public void AddOnnxRuntimeBackend_InvalidValue_FailsValidation(string key, string value)
    {
        var services = new ServiceCollection().AddOnnxRuntimeBackend(Configuration((key, value)));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelBackend>());

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeThreads_Throws()
    {
        Assert.Throws<OptionsValidationException>(() => Backend(new OnnxOptions { IntraOpThreads = -1 }));
    }

    [Theory]
    [InlineData("disable", 0)]
    [InlineData("ALL", 0)]
    [InlineData("extended", 3)]
    public void Load_NonDefaultSettings_StillRunsCorrectly(string level, int intraOpThreads)
    {
        var expected = Expected("mlp-regression");
        var rows = expected.GetProperty("inputs").GetProperty("x");
        var backend = Backend(new OnnxOptions { GraphOptimizationLevel = level, AllowSpinning = true, IntraOpThreads = 0 });
        using var model = backend.Load(SharedModels.PathOf("mlp-regression"), new ModelLoadSettings { IntraOpThreads = intraOpThreads });

        using var response = Run(model, Fp32("x", [rows.GetArrayLength(), 10], Floats(rows)));

        AllClose(Floats(expected.GetProperty("outputs").GetProperty("y")), Floats(response.Outputs[0]), 1e-5);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}

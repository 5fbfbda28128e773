using Maas.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Maas.Server.Tests.Hosting;

/// <summary>Every settings section is bound one way and checked at start: a bad value stops the start, naming its key.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Batching:Instances", "0", "Maas:Batching:Instances")]
    [InlineData("Batching:MaxQueueDelayMs", "-5", "Maas:Batching:MaxQueueDelayMs")]
    [InlineData("Batching:MaxQueueSize", "0", "Maas:Batching:MaxQueueSize")]
    [InlineData("Limits:MaxInferenceBodyBytes", "0", "Maas:Limits:MaxInferenceBodyBytes")]
    [InlineData("Llm:CacheTokens", "-1", "Maas:Llm:CacheTokens")]
    [InlineData("Onnx:GraphOptimizationLevel", "fastest", "Maas:Onnx:GraphOptimizationLevel")]
    public async Task Start_WithAnInvalidSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => MaasTestServer.StartAsync(settings: new Dictionary<string, string> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BatchingDelayUnderItsKeyName_ReachesTheRunner()
    {
        await using var server = await MaasTestServer.StartAsync(settings: new Dictionary<string, string> { ["Batching:MaxQueueDelayMs"] = "7" });

        var options = (IOptions<Maas.Runtime.Scheduling.BatchingOptions>)server.Services.GetService(typeof(IOptions<Maas.Runtime.Scheduling.BatchingOptions>))!;

        Assert.Equal(TimeSpan.FromMilliseconds(7), options.Value.MaxQueueDelay);
    }
}

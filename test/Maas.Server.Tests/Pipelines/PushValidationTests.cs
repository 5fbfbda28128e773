using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Pipelines;

/// <summary>A task folder the pipelines cannot serve is refused at push with 422 naming the problem.</summary>
public sealed class PushValidationTests
{
    [Fact]
    public async Task Push_UnsupportedTokenizerComponent_422NamingIt()
    {
        using var folder = Copy("bert-tiny-sentiment");
        var tokenizer = JsonNode.Parse(File.ReadAllText(folder.Combine("tokenizer.json")))!;
        tokenizer["normalizer"] = new JsonObject { ["type"] = "Precompiled", ["precompiled_charsmap"] = "AAAA" };
        File.WriteAllText(folder.Combine("tokenizer.json"), tokenizer.ToJsonString());
        File.Delete(folder.Combine("embeddings.onnx"));

        var error = await PushExpecting422Async(folder);
        Assert.Contains("Precompiled", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_BadPreprocessorConfig_422NamingField()
    {
        using var folder = Copy("cnn-cifar10");
        File.WriteAllText(folder.Combine("preprocessor_config.json"), """{"do_resize": true, "size": {"height": 32}, "resample": 2}""");
        var error = await PushExpecting422Async(folder);
        Assert.Contains("size", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_MaasJsonDeclaresUnknownPooling_422()
    {
        using var folder = Copy("bert-tiny-sentiment");
        File.WriteAllText(folder.Combine("maas.json"), """{"model_file": "embeddings.onnx", "task": "feature-extraction", "pooling": "median"}""");
        var error = await PushExpecting422Async(folder);
        Assert.Contains("pooling", error, StringComparison.Ordinal);
    }

    private static TempDirectory Copy(string model)
    {
        var folder = new TempDirectory("maas-push");
        foreach (var file in Directory.GetFiles(SharedModels.PathOf(model)))
        {
            File.Copy(file, folder.Combine(Path.GetFileName(file)));
        }

        return folder;
    }

    private static async Task<string> PushExpecting422Async(TempDirectory folder)
    {
        await using var server = await MaasTestServer.StartAsync();
        using var response = await server.PushAsync("model", Archives.TarGz(folder.Path, includeBaseDirectory: false), "application/gzip");
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {error}");
        return error;
    }
}

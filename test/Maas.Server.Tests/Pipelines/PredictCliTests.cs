using System.Globalization;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Pipelines;

/// <summary><c>maas predict --text/--image</c> on task models prints labels, scores and entities as a table.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PredictCliTests(PipelineServerFixture fixture)
{
    [Fact]
    public async Task Predict_TextOnClassifier_PrintsLabelAndScoreTable()
    {
        var sample = Expected.Load("bert-tiny-sentiment")["classification"]![0]!;
        var run = await RunAsync("predict", "sentiment", "--text", sample["text"]!.GetValue<string>());
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(sample["label"]!.GetValue<string>(), run.Out, StringComparison.Ordinal);
        Assert.Contains(sample["score"]!.GetValue<double>().ToString("0.0000", CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ImageOnCifar_PrintsPredictedLabel()
    {
        var result = Expected.Load("cnn-cifar10")["results"]![3]!;
        var run = await RunAsync("predict", "cifar", "--image", SharedModels.PathOf("cnn-cifar10", result["image"]!.GetValue<string>()));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(result["predicted_label"]!.GetValue<string>(), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_TextOnNer_PrintsEntityRows()
    {
        var sample = Expected.Load("bert-tiny-ner")["results"]![0]!;
        var run = await RunAsync("predict", "ner", "--text", sample["text"]!.GetValue<string>());
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var entity in sample["entities"]!.AsArray())
        {
            Assert.Contains(entity!["word"]!.GetValue<string>(), run.Out, StringComparison.Ordinal);
        }
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--server", fixture.Server.BaseAddress.ToString(), "--api-key", fixture.Server.AdminKey]);
}

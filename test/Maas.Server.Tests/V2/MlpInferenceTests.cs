using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.V2;

public sealed class MlpInferenceTests
{
    [Fact]
    public async Task Infer_MlpExpectedRows_MatchPyTorchOutputs()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var push = await server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);

        var expected = Expected.Load("mlp-regression");
        var rows = expected["inputs"]!["x"]!.AsArray();
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "x",
                ["datatype"] = "FP32",
                ["shape"] = new JsonArray(rows.Count, 10),
                ["data"] = rows.DeepClone(),
            }),
        };
        var response = await Json.PostAsync(server.Client, "/v2/models/mlp/infer", request);

        var output = response["outputs"]![0]!;
        Assert.Equal("y", output["name"]!.GetValue<string>());
        Assert.Equal("FP32", output["datatype"]!.GetValue<string>());
        var data = output["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var want = Json.Matrix(expected["outputs"]!["y"]!).SelectMany(r => r).ToArray();
        Assert.Equal(want.Length, data.Length);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - data[i]) <= 1e-4, $"row {i}: {data[i]} vs PyTorch {want[i]}");
        }
    }
}

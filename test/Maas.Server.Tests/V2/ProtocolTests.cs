using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Tensors;
using Maas.Testing;

namespace Maas.Server.Tests.V2;

/// <summary>The rest of the V2 contract: health, metadata, binary tensors, datatypes, repository control.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task Health_And_ServerMetadata_FollowKServe()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var live = await server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
        using var ready = await server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var metadata = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2", UriKind.Relative)));
        Assert.Equal("maas", metadata["name"]!.GetValue<string>());
        Assert.Contains("binary_tensor_data", metadata["extensions"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Infer_BinaryInputAndOutput_MatchesJsonAnswer()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var expected = Expected.Load("mlp-regression");
        var rows = Json.Matrix(expected["inputs"]!["x"]!);
        var want = Json.Matrix(expected["outputs"]!["y"]!).Select(r => r[0]).ToArray();

        var floats = rows.SelectMany(r => r).Select(v => (float)v).ToArray();
        var binary = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, binary, 0, binary.Length);
        var header = Encoding.UTF8.GetBytes(
            $"{{\"id\":\"req-7\",\"inputs\":[{{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[5,10],\"parameters\":{{\"binary_data_size\":{binary.Length}}}}}],"
            + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"binary_data\":true}}]}");
        using var content = new ByteArrayContent([.. header, .. binary]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await server.Client.PostAsync(new Uri("/v2/models/mlp/infer", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var body = await response.Content.ReadAsByteArrayAsync();
        var jsonLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonNode.Parse(body.AsSpan(0, jsonLength))!;
        Assert.Equal("req-7", json["id"]!.GetValue<string>());
        Assert.Equal(20, json["outputs"]![0]!["parameters"]!["binary_data_size"]!.GetValue<int>());
        Assert.Null(json["outputs"]![0]!["data"]);
        Assert.Equal(jsonLength + 20, body.Length);
        for (var i = 0; i < 5; i++)
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan(jsonLength + (i * 4)));
            Assert.True(Math.Abs(value - want[i]) <= 1e-4, $"row {i}: {value} vs {want[i]}");
        }
    }

    public static TheoryData<string, string, string> DataTypeCases => new()
    {
        { "BOOL", "[true,false,true,true]", "[true,false,true,true]" },
        { "UINT8", "[0,1,254,255]", "[0,1,254,255]" },
        { "UINT16", "[0,1,65534,65535]", "[0,1,65534,65535]" },
        { "UINT32", "[0,1,4294967294,4294967295]", "[0,1,4294967294,4294967295]" },
        { "UINT64", "[0,1,2,18446744073709551615]", "[0,1,2,18446744073709551615]" },
        { "INT8", "[-128,-1,0,127]", "[-128,-1,0,127]" },
        { "INT16", "[-32768,-1,0,32767]", "[-32768,-1,0,32767]" },
        { "INT32", "[-2147483648,-1,0,2147483647]", "[-2147483648,-1,0,2147483647]" },
        { "INT64", "[-9223372036854775808,-1,0,9223372036854775807]", "[-9223372036854775808,-1,0,9223372036854775807]" },
        { "FP16", "[0.5,-2,65504,0.099975586]", "[0.5,-2,65504,0.099975586]" },
        { "BF16", "[0.5,-2,1.5,3]", "[0.5,-2,1.5,3]" },
        { "FP32", "[0.5,-2.25,\"NaN\",\"-Infinity\"]", "[0.5,-2.25,\"NaN\",\"-Infinity\"]" },
        { "FP64", "[0.1,-1e300,3.141592653589793,0]", "[0.1,-1E+300,3.141592653589793,0]" },
        { "BYTES", "[\"a\",\"\",\"héllo\",\"🙂\"]", "[\"a\",\"\",\"h\\u00E9llo\",\"\\uD83D\\uDE42\"]" },
    };

    [Theory]
    [MemberData(nameof(DataTypeCases))]
    public async Task Infer_IdentityModel_RoundTripsEveryDatatypeThroughJson(string datatype, string data, string expected)
    {
        Assert.True(DataTypes.TryParse(datatype, out var type));
        await using var server = await MaasTestServer.StartAsync();
        using var push = await server.PushAsync("identity", OnnxModelBuilder.Identity(type, [-1, 2]));
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        Assert.Equal(datatype, (await Json.ReadAsync(push))["inputs"]![0]!["datatype"]!.GetValue<string>());

        var body = $"{{\"inputs\":[{{\"name\":\"x\",\"datatype\":\"{datatype}\",\"shape\":[2,2],\"data\":{data}}}]}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync(new Uri("/v2/models/identity/infer", UriKind.Relative), content);
        var json = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        var output = json["outputs"]![0]!;
        Assert.Equal(datatype, output["datatype"]!.GetValue<string>());
        Assert.Equal("[2,2]", output["shape"]!.ToJsonString());
        Assert.Equal(expected, output["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Infer_OutOfRangeInteger_Answers400NamingTheRange()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("u8", OnnxModelBuilder.Identity(TensorDataType.UInt8, [-1]))).Dispose();
        using var content = new StringContent("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT8\",\"shape\":[2],\"data\":[1,256]}]}", Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync(new Uri("/v2/models/u8/infer", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the range of UINT8", (await Json.ReadAsync(response))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_MultiInputModel_TakesObjectInstances()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("add", OnnxModelBuilder.Add(TensorDataType.Int64, [-1, 3]))).Dispose();
        var body = JsonNode.Parse("{\"instances\":[{\"a\":[1,2,3],\"b\":[10,20,30]},{\"a\":[0,0,1],\"b\":[5,5,5]}]}")!;
        var response = await Json.PostAsync(server.Client, "/v1/models/add:predict", body);
        Assert.Equal("[[11,22,33],[5,5,6]]", response["predictions"]!.ToJsonString());
    }

    [Fact]
    public async Task Predict_And_V2_GiveTheSameMlpAnswer()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var rows = Expected.Load("mlp-regression")["inputs"]!["x"]!;
        var predict = await Json.PostAsync(server.Client, "/v1/models/mlp:predict", new JsonObject { ["instances"] = rows.DeepClone() });
        var v2 = await Json.PostAsync(server.Client, "/v2/models/mlp/infer", new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "x", ["datatype"] = "FP32", ["shape"] = new JsonArray(5, 10), ["data"] = rows.DeepClone() }),
        });
        var flat = predict["predictions"]!.AsArray().Select(p => p!.AsArray().Single()!.GetValue<double>()).ToArray();
        Assert.Equal(v2["outputs"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray(), flat);
    }

    [Fact]
    public async Task Stats_AfterRequests_CountInferencesAndEngineRunsPerVersion()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        (await server.PushAsync("mlp", Expected.MlpModel, query: "?load=false")).Dispose();
        var row = new JsonArray(Enumerable.Repeat(0, 10).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        for (var i = 0; i < 3; i++)
        {
            await Json.PostAsync(server.Client, "/v1/models/mlp:1:predict", new JsonObject { ["instances"] = new JsonArray(row.DeepClone(), row.DeepClone()) });
        }

        var all = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp/stats", UriKind.Relative)));
        var stats = all["model_stats"]!.AsArray();
        Assert.Equal(["1", "2"], stats.Select(s => s!["version"]!.GetValue<string>()));
        Assert.Equal(3, stats[0]!["inference_count"]!.GetValue<long>());
        Assert.Equal(3, stats[0]!["execution_count"]!.GetValue<long>());
        Assert.Equal("[{\"batch_size\":1,\"compute_infer\":{\"count\":3}}]", stats[0]!["batch_stats"]!.ToJsonString());
        Assert.Equal(0, stats[1]!["inference_count"]!.GetValue<long>());
        Assert.Equal("unloaded", stats[1]!["state"]!.GetValue<string>());

        var one = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp/versions/1/stats", UriKind.Relative)));
        Assert.Single(one["model_stats"]!.AsArray());
    }

    [Fact]
    public async Task Repository_UnloadThenLoad_ControlsReadinessAndInference()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var infer = new JsonObject { ["instances"] = new JsonArray(new JsonArray(Enumerable.Repeat(0, 10).Select(v => (JsonNode)JsonValue.Create(v)).ToArray())) };

        using (var ready = await server.Client.GetAsync(new Uri("/v2/models/mlp/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using (var unload = await server.Client.PostAsync(new Uri("/v2/repository/models/mlp/unload", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, unload.StatusCode);
        }

        using (var notReady = await server.Client.GetAsync(new Uri("/v2/models/mlp/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notReady.StatusCode);
        }

        using (var refused = await server.Client.PostAsync(new Uri("/v1/models/mlp:predict", UriKind.Relative), new StringContent(infer.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("unloaded", (await Json.ReadAsync(refused))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var index = await Json.ReadAsync(await server.Client.PostAsync(new Uri("/v2/repository/index", UriKind.Relative), null));
        Assert.Equal("UNLOADED", index[0]!["state"]!.GetValue<string>());

        using (var load = await server.Client.PostAsync(new Uri("/v2/repository/models/mlp/load", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        }

        var answer = await Json.PostAsync(server.Client, "/v1/models/mlp:predict", infer);
        Assert.Single(answer["predictions"]!.AsArray());
        index = await Json.ReadAsync(await server.Client.PostAsync(new Uri("/v2/repository/index", UriKind.Relative), null));
        Assert.Equal("READY", index[0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_InvalidModel_Answers422WithReasonAndOthersKeepServing()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();

        using var garbage = await server.PushAsync("broken", Encoding.UTF8.GetBytes("this is not an onnx model at all"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        Assert.StartsWith("model.onnx: not a valid ONNX model", (await Json.ReadAsync(garbage))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var empty = await server.PushAsync("broken", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        using var notModelZip = await server.PushAsync("broken", Archives.Zip(SharedModels.PathOf("cnn-cifar10", "images")), "application/zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notModelZip.StatusCode);
        Assert.Contains("no .onnx file", (await Json.ReadAsync(notModelZip))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var badName = await server.PushAsync("Bad_Name", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);

        using var missing = await server.Client.GetAsync(new Uri("/api/models/broken", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var blobs = Directory.GetFiles(Path.Combine(server.DataDirectory, "blobs", "sha256"), "*", SearchOption.AllDirectories);
        Assert.Single(blobs);
        var answer = await Json.PostAsync(server.Client, "/v1/models/mlp:predict", JsonNode.Parse("{\"instances\":[[0,0,0,0,0,0,0,0,0,0]]}")!);
        Assert.Single(answer["predictions"]!.AsArray());
    }
}

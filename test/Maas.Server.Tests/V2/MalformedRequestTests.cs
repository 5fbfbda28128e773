using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.V2;

/// <summary>
/// Every way a client can get an inference request wrong gets a 4xx whose message names the problem, and the
/// server keeps serving. One shared server; each row is independent.
/// </summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private const string Row = "[0,1,2,3,4,5,6,7,8,9]";
    private MaasTestServer _server = null!;

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // name, path, body, status, a phrase the message must contain
        { "malformed JSON", "/v2/models/mlp/infer", "{\"inputs\": [", 400, "not valid JSON" },
        { "empty body", "/v2/models/mlp/infer", "", 400, "empty" },
        { "body not an object", "/v2/models/mlp/infer", "[1,2]", 400, "JSON object" },
        { "no inputs", "/v2/models/mlp/infer", "{}", 400, "'inputs' is required" },
        { "inputs not array", "/v2/models/mlp/infer", "{\"inputs\": 3}", 400, "'inputs' is required" },
        { "input without name", "/v2/models/mlp/infer", "{\"inputs\": [{\"shape\":[1,10],\"datatype\":\"FP32\",\"data\":" + Row + "}]}", 400, "inputs[0].name" },
        { "unknown input", "/v2/models/mlp/infer", Body("z", "FP32", "[1,10]", Row), 400, "unknown input 'z'" },
        { "missing input", "/v2/models/mlp/infer", "{\"inputs\": []}", 400, "missing input 'x'" },
        { "duplicate input", "/v2/models/mlp/infer", "{\"inputs\": [" + Input("x", "FP32", "[1,10]", Row) + "," + Input("x", "FP32", "[1,10]", Row) + "]}", 400, "more than once" },
        { "unknown datatype", "/v2/models/mlp/infer", Body("x", "FLOAT", "[1,10]", Row), 400, "datatype 'FLOAT'" },
        { "wrong datatype", "/v2/models/mlp/infer", Body("x", "INT64", "[1,10]", Row), 400, "the model expects FP32" },
        { "shape mismatch", "/v2/models/mlp/infer", Body("x", "FP32", "[1,9]", "[0,1,2,3,4,5,6,7,8]"), 400, "expects [-1,10]" },
        { "wrong rank", "/v2/models/mlp/infer", Body("x", "FP32", "[10]", Row), 400, "expects [-1,10]" },
        { "negative dimension", "/v2/models/mlp/infer", Body("x", "FP32", "[-1,10]", Row), 400, "non-negative integers" },
        { "shape not array", "/v2/models/mlp/infer", Body("x", "FP32", "\"1x10\"", Row), 400, "'shape' is required" },
        { "count mismatch flat", "/v2/models/mlp/infer", Body("x", "FP32", "[2,10]", Row), 400, "needs 20" },
        { "ragged nested", "/v2/models/mlp/infer", Body("x", "FP32", "[2,10]", "[" + Row + ",[1,2]]"), 400, "ragged" },
        { "non-numeric element", "/v2/models/mlp/infer", Body("x", "FP32", "[1,10]", "[0,1,2,\"three\",4,5,6,7,8,9]"), 400, "element 3" },
        { "null element", "/v2/models/mlp/infer", Body("x", "FP32", "[1,10]", "[0,1,2,null,4,5,6,7,8,9]"), 400, "element 3 is null" },
        { "data missing", "/v2/models/mlp/infer", "{\"inputs\": [{\"name\":\"x\",\"shape\":[1,10],\"datatype\":\"FP32\"}]}", 400, "'data' is required" },
        { "data not array", "/v2/models/mlp/infer", Body("x", "FP32", "[1,10]", "5"), 400, "must be an array" },
        { "unknown output", "/v2/models/mlp/infer", "{\"inputs\": [" + Input("x", "FP32", "[1,10]", Row) + "], \"outputs\": [{\"name\":\"nope\"}]}", 400, "unknown output 'nope'" },
        { "parameters not object", "/v2/models/mlp/infer", "{\"parameters\": 1, \"inputs\": [" + Input("x", "FP32", "[1,10]", Row) + "]}", 400, "'parameters' must be an object" },
        { "id not string", "/v2/models/mlp/infer", "{\"id\": 7, \"inputs\": [" + Input("x", "FP32", "[1,10]", Row) + "]}", 400, "'id' must be a string" },
        { "too many elements", "/v2/models/mlp/infer", Body("x", "FP32", "[100000000000,10]", Row), 413, "over the limit" },
        { "unknown model", "/v2/models/nope/infer", Body("x", "FP32", "[1,10]", Row), 404, "'nope' does not exist" },
        { "unknown version", "/v2/models/mlp/versions/9/infer", Body("x", "FP32", "[1,10]", Row), 404, "no version 9" },
        { "bad version segment", "/v2/models/mlp/versions/abc/infer", Body("x", "FP32", "[1,10]", Row), 404, "positive integers" },
        { "predict no instances", "/v1/models/mlp:predict", "{\"rows\": []}", 400, "'instances' array" },
        { "predict empty instances", "/v1/models/mlp:predict", "{\"instances\": []}", 400, "at least one instance" },
        { "predict wrong width", "/v1/models/mlp:predict", "{\"instances\": [[1,2,3]]}", 400, "expects [10] per instance" },
        { "predict mixed shapes", "/v1/models/mlp:predict", "{\"instances\": [" + Row + ", [1]]}", 400, "same shape" },
        { "predict ragged instance", "/v1/models/mlp:predict", "{\"instances\": [[[1,2],[3]]]}", 400, "ragged" },
        { "predict string value", "/v1/models/mlp:predict", "{\"instances\": [[0,1,2,3,4,5,6,7,8,\"x\"]]}", 400, "element 9" },
        { "predict bad reference", "/v1/models/Bad Name:predict", "{\"instances\": [" + Row + "]}", 404, "not valid" },
        { "predict unknown alias", "/v1/models/mlp@prod:predict", "{\"instances\": [" + Row + "]}", 404, "no alias 'prod'" },
        { "predict unknown verb", "/v1/models/mlp:explain", "{\"instances\": [" + Row + "]}", 404, ":predict" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Infer_MalformedRequest_AnswersClientErrorNamingTheProblem(string name, string path, string body, int status, string phrase)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _server.Client.PostAsync(new Uri(path, UriKind.Relative), content);
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();

        Assert.True(status == (int)response.StatusCode, $"{name}: got {(int)response.StatusCode} {error}");
        Assert.Contains(phrase, error, StringComparison.Ordinal);
        using var health = await _server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public static TheoryData<string, string, int, int?, int, string> BinaryCases => new()
    {
        // name, JSON header, binary byte count, Inference-Header-Content-Length override, status, phrase
        { "header length past body", "{}", 0, 50, 400, "only 2 bytes" },
        { "header length not a number", "{}", 0, -1, 400, "non-negative integer" },
        { "sizes do not add up", BinaryHeader(40), 39, null, 400, "binary_data_size 40 runs past" },
        { "extra bytes after tensors", BinaryHeader(40), 44, null, 400, "add up to 40" },
        { "size not matching shape", BinaryHeader(36), 36, null, 400, "needs 40" },
        { "negative size", BinaryHeader(-4), 0, null, 400, "non-negative integer" },
    };

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public async Task Infer_MalformedBinaryRequest_AnswersClientError(string name, string header, int binaryLength, int? headerLength, int status, string phrase)
    {
        var json = Encoding.UTF8.GetBytes(header);
        using var content = new ByteArrayContent([.. json, .. new byte[binaryLength]]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var declared = headerLength switch
        {
            null => json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            -1 => "twelve",
            { } value => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        content.Headers.Add("Inference-Header-Content-Length", declared);
        using var response = await _server.Client.PostAsync(new Uri("/v2/models/mlp/infer", UriKind.Relative), content);
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.True(status == (int)response.StatusCode, $"{name}: got {(int)response.StatusCode} {error}");
        Assert.Contains(phrase, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_BodyOverLimit_Answers413()
    {
        // Expect: 100-continue (as curl sends for large bodies) lets the server refuse before the upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v2/models/mlp/infer", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[65 << 20]),
        };
        request.Headers.ExpectContinue = true;
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await Json.ReadAsync(response))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        using var push = await _server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Input(string name, string datatype, string shape, string data) =>
        $"{{\"name\":\"{name}\",\"datatype\":\"{datatype}\",\"shape\":{shape},\"data\":{data}}}";

    private static string Body(string name, string datatype, string shape, string data) =>
        "{\"inputs\": [" + Input(name, datatype, shape, data) + "]}";

    private static string BinaryHeader(int size) =>
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,10],\"parameters\":{\"binary_data_size\":" + size + "}}]}";
}

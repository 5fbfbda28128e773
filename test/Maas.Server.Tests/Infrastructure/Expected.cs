using System.Text.Json.Nodes;
using Maas.Testing;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>PyTorch's own answers from ../shared/models/*/expected.json.</summary>
public static class Expected
{
    public static JsonNode Load(string model) =>
        JsonNode.Parse(File.ReadAllText(SharedModels.PathOf(model, "expected.json")))!;

    public static byte[] MlpModel => File.ReadAllBytes(SharedModels.PathOf("mlp-regression", "model.onnx"));
}

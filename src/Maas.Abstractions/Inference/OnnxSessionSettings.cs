namespace Maas.Inference;

/// <summary>
/// Per-model ONNX Runtime session settings (maas.json <c>onnx</c>, or what a caller decides for its own session);
/// null keeps the server's <c>Maas:Onnx</c> value.
/// </summary>
public sealed record OnnxSessionSettings
{
    /// <summary>The graph optimization levels ONNX Runtime knows, as written in settings.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["disable", "basic", "extended", "all"];

    /// <summary>Threads per operator; 0 lets ONNX Runtime use every core.</summary>
    public int? IntraOpThreads { get; init; }

    public int? InterOpThreads { get; init; }

    /// <summary>One of <see cref="Levels"/>.</summary>
    public string? GraphOptimizationLevel { get; init; }
}

using Maas.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>Turns server options plus per-model settings into ORT session options.</summary>
internal static class SessionOptionsFactory
{
    public static SessionOptions Create(OnnxOptions options, ModelLoadSettings settings)
    {
        var spinning = options.AllowSpinning ? "1" : "0";
        var sessionOptions = new SessionOptions();
        try
        {
            sessionOptions.IntraOpNumThreads = settings.IntraOpThreads > 0 ? settings.IntraOpThreads : options.IntraOpThreads;
            sessionOptions.InterOpNumThreads = options.InterOpThreads;
            sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            sessionOptions.GraphOptimizationLevel = ParseLevel(options.GraphOptimizationLevel);

            // Warnings such as "initializer X is not used" are routine for exported models; errors still surface
            // as exceptions with ORT's message.
            sessionOptions.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning);
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", spinning);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private static GraphOptimizationLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "disable" => GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all" => GraphOptimizationLevel.ORT_ENABLE_ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown graph optimization level"),
    };
}

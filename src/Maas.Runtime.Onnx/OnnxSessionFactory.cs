using System.Collections.Concurrent;
using Maas.Inference;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>The options one ONNX Runtime session was created with, as the factory resolved them.</summary>
public sealed record OnnxSessionRecord(string ModelPath, int IntraOpThreads, int InterOpThreads, string GraphOptimizationLevel, bool AllowSpinning);

/// <summary>
/// Creates every ONNX Runtime session of the server, tensor models' and LLM engines' alike, so <c>Maas:Onnx</c> and a
/// model's own <c>onnx</c> settings (maas.json) reach all of them. Per-model values win over the server's.
/// A singleton; <see cref="Created"/> keeps the last sessions' resolved options for tests and diagnostics.
/// </summary>
public sealed class OnnxSessionFactory
{
    private const int Remembered = 64;

    private readonly OnnxOptions _options;
    private readonly ConcurrentQueue<OnnxSessionRecord> _created = new();

    public OnnxSessionFactory(IOptions<OnnxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var result = new OnnxOptionsValidator().Validate(Options.DefaultName, _options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxOptions), result.Failures);
        }
    }

    /// <summary>The resolved options of the most recent sessions, oldest first.</summary>
    public IReadOnlyList<OnnxSessionRecord> Created => [.. _created];

    /// <summary>
    /// Opens <paramref name="modelPath"/>. ORT's own exception (a file it cannot load) is left to the caller, which
    /// knows how to name the file to the client.
    /// </summary>
    public InferenceSession Open(string modelPath, OnnxSessionSettings? settings)
    {
        var record = new OnnxSessionRecord(
            modelPath,
            settings?.IntraOpThreads ?? _options.IntraOpThreads,
            settings?.InterOpThreads ?? _options.InterOpThreads,
            (settings?.GraphOptimizationLevel ?? _options.GraphOptimizationLevel).ToLowerInvariant(),
            _options.AllowSpinning);
        using var sessionOptions = Create(record);
        var session = new InferenceSession(modelPath, sessionOptions);
        _created.Enqueue(record);
        while (_created.Count > Remembered && _created.TryDequeue(out _))
        {
        }

        return session;
    }

    private static SessionOptions Create(OnnxSessionRecord record)
    {
        var spinning = record.AllowSpinning ? "1" : "0";
        var sessionOptions = new SessionOptions();
        try
        {
            sessionOptions.IntraOpNumThreads = record.IntraOpThreads;
            sessionOptions.InterOpNumThreads = record.InterOpThreads;
            sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            sessionOptions.GraphOptimizationLevel = ParseLevel(record.GraphOptimizationLevel);

            // Warnings such as "initializer X is not used" are routine for exported models; errors still surface
            // as exceptions with ORT's message.
            sessionOptions.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;

            // Idle workers that spin burn the cores other requests, models and the HTTP host need.
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

    private static GraphOptimizationLevel ParseLevel(string level) => level switch
    {
        "disable" => GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all" => GraphOptimizationLevel.ORT_ENABLE_ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown graph optimization level"),
    };
}

using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Bench;

/// <summary>
/// The baseline: ONNX Runtime called in this process, with the session options <c>maas serve</c> uses by default
/// (intra-op 1, inter-op 1, sequential, spinning off, graph optimisation all), one shared session, one row per call.
/// </summary>
internal sealed class RawOrtRunner : IDisposable
{
    public const string SessionDescription =
        "one shared InferenceSession; intra_op 1, inter_op 1, sequential, allow_spinning 0/0, graph optimisation ORT_ENABLE_ALL";

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly Fixture _fixture;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public RawOrtRunner(string modelPath, Fixture fixture)
    {
        _fixture = fixture;
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        try
        {
            _session = new InferenceSession(modelPath, _options);
        }
        catch (OnnxRuntimeException e)
        {
            _options.Dispose();
            throw new BenchException($"ONNX Runtime cannot load {modelPath}: {e.Message}", e);
        }

        _inputNames = [.. _session.InputMetadata.Keys];
        _outputNames = [.. _session.OutputMetadata.Keys];
        if (_inputNames.Length != 1 || _outputNames.Length != 1)
        {
            Dispose();
            throw new BenchException($"{modelPath}: the benchmark expects one input and one output");
        }
    }

    public string InputName => _inputNames[0];

    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>Runs every fixture row once and checks the answers against expected.json.</summary>
    public void Verify()
    {
        using var runOptions = new RunOptions();
        var inputs = CreateInputs();
        try
        {
            for (var row = 0; row < inputs.Length; row++)
            {
                using var outputs = _session.Run(runOptions, _inputNames, [inputs[row]], _outputNames);
                _fixture.Check("raw ORT", row, outputs[0].GetTensorDataAsSpan<float>());
            }
        }
        finally
        {
            DisposeAll(inputs);
        }
    }

    public PointResult Measure(int concurrency, TimeSpan warmup, TimeSpan duration, CpuProbe probe)
    {
        var logs = new WorkerLog[concurrency];
        var threads = new Thread[concurrency];
        var window = default(Window);
        using var go = new ManualResetEventSlim();
        for (var i = 0; i < concurrency; i++)
        {
            var log = logs[i] = new WorkerLog();
            var first = i;
            threads[i] = new Thread(() =>
            {
                go.Wait();
                Work(first, window, log);
            })
            {
                IsBackground = true,
                Name = $"raw-ort-{i}",
            };
            threads[i].Start();
        }

        window = Window.StartingNow(warmup, duration);
        go.Set();
        var cpu = probe.AcrossAsync(window).GetAwaiter().GetResult();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        return PointResult.From(window, logs, cpu);
    }

    public void Dispose()
    {
        _session?.Dispose();
        _options.Dispose();
    }

    private void Work(int firstRow, Window window, WorkerLog log)
    {
        using var runOptions = new RunOptions();
        var inputs = CreateInputs();
        var inputArrays = inputs.Select(v => new[] { v }).ToArray();
        try
        {
            var row = firstRow % inputs.Length;
            while (true)
            {
                var failed = false;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var outputs = _session.Run(runOptions, _inputNames, inputArrays[row], _outputNames);
                }
                catch (OnnxRuntimeException)
                {
                    failed = true;
                }

                if (!log.Record(window, start, failed))
                {
                    return;
                }

                row = row + 1 == inputs.Length ? 0 : row + 1;
            }
        }
        finally
        {
            DisposeAll(inputs);
        }
    }

    private OrtValue[] CreateInputs() =>
        [.. _fixture.Rows.Select(row => OrtValue.CreateTensorValueFromMemory((float[])row.Clone(), [1, row.Length]))];

    private static void DisposeAll(OrtValue[] values)
    {
        foreach (var value in values)
        {
            value.Dispose();
        }
    }
}

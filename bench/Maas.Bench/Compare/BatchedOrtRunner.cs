using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Bench.Compare;

/// <summary>
/// The ceiling: ONNX Runtime in this process, with `maas serve`'s session options, running batches of
/// min(concurrency, max batch size) rows, the largest batch Maas's dynamic batcher can form at that concurrency, on
/// as many threads as the batcher has instances (1 by default). Counts rows per second.
/// </summary>
internal sealed class BatchedOrtRunner : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly Workload _workload;
    private readonly string[] _outputNames;

    public BatchedOrtRunner(Workload workload)
    {
        _workload = workload;
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
        _session = new InferenceSession(workload.OnnxPath, _options);
        _outputNames = [.. _session.OutputMetadata.Keys];
    }

    public SeriesPoint Measure(int concurrency, int batch, int threads, TimeSpan warmup, TimeSpan duration)
    {
        var (names, inputs) = CreateBatch(batch);
        try
        {
            Verify(names, inputs, batch);
            var latencies = new List<long>[threads];
            var window = Window.StartingNow(warmup, duration);
            var workers = Enumerable.Range(0, threads).Select(t =>
            {
                var log = latencies[t] = new List<long>(1 << 16);
                var thread = new Thread(() => Work(names, inputs, window, log)) { IsBackground = true, Name = $"ort-batched-{t}" };
                thread.Start();
                return thread;
            }).ToList();
            workers.ForEach(t => t.Join());
            var all = latencies.SelectMany(l => l).Order().ToArray();
            var rowsPerSecond = all.Length * (double)batch / window.Seconds;
            var p = (double q) => all.Length == 0 ? double.NaN : Math.Round(all[Math.Clamp((int)Math.Ceiling(q * all.Length) - 1, 0, all.Length - 1)] * 1000.0 / Stopwatch.Frequency, 4);
            return new SeriesPoint(concurrency, Math.Round(rowsPerSecond, 1), p(0.5), p(0.9), p(0.95), p(0.99), all.Length, 0, 1, true, [Math.Round(rowsPerSecond, 1)], null, batch);
        }
        finally
        {
            foreach (var value in inputs)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private void Work(string[] names, OrtValue[] inputs, Window window, List<long> log)
    {
        using var runOptions = new RunOptions();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            using (_session.Run(runOptions, names, inputs, _outputNames))
            {
            }

            var end = Stopwatch.GetTimestamp();
            if (window.Counts(end))
            {
                log.Add(end - start);
            }
            else if (end >= window.End)
            {
                return;
            }
        }
    }

    /// <summary>Rows 0, 1, 2, … of the workload (cycled) stacked into one tensor per input.</summary>
    private (string[] Names, OrtValue[] Values) CreateBatch(int batch)
    {
        var first = _workload.Rows[0];
        var names = first.Select(i => i.Name).ToArray();
        var values = new OrtValue[first.Length];
        for (var i = 0; i < first.Length; i++)
        {
            var width = first[i].Width;
            long[] shape = [batch, width];
            if (first[i].Floats is not null)
            {
                var data = new float[batch * width];
                for (var r = 0; r < batch; r++)
                {
                    _workload.Rows[r % _workload.Rows.Count][i].Floats!.CopyTo(data, r * width);
                }

                values[i] = OrtValue.CreateTensorValueFromMemory(data, shape);
            }
            else
            {
                var data = new long[batch * width];
                for (var r = 0; r < batch; r++)
                {
                    _workload.Rows[r % _workload.Rows.Count][i].Longs!.CopyTo(data, r * width);
                }

                values[i] = OrtValue.CreateTensorValueFromMemory(data, shape);
            }
        }

        return (names, values);
    }

    private void Verify(string[] names, OrtValue[] inputs, int batch)
    {
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, inputs, _outputNames);
        var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var width = data.Length / batch;
        for (var r = 0; r < batch; r++)
        {
            _workload.Check($"raw ORT (batch {batch})", r % _workload.Rows.Count, data[(r * width)..((r + 1) * width)]);
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Maas.Bench;

// maas-bench: the side-by-side benchmark behind bench/run.sh.
//   maas-bench free-port            prints a free loopback TCP port
//   maas-bench run [options]        raw ORT vs. a running maas server; see BenchOptions for the flags
//   maas-bench pipelines [options]  texts/s through :predict vs tokenizer + ORT in-process (bench/pipelines.sh)
//   maas-bench llm [options]        LLM streaming vs. a raw ORT decode loop; see Llm/LlmBenchOptions
//   maas-bench compare [options]    the throughput comparison of bench/compare.sh; see Compare/CompareOptions
try
{
    if (args.Length > 0 && args[0] == "free-port")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        return 0;
    }

    if (args.Length > 0 && args[0] == "llm")
    {
        return await Maas.Bench.Llm.LlmBench.RunAsync(Maas.Bench.Llm.LlmBenchOptions.Parse(args.AsSpan(1)));
    }

    if (args.Length > 0 && args[0] == "compare")
    {
        return await Maas.Bench.Compare.CompareRunner.RunAsync(Maas.Bench.Compare.CompareOptions.Parse(args.AsSpan(1)));
    }

    if (args.Length > 0 && args[0] == "run")
    {
        var options = BenchOptions.Parse(args.AsSpan(1));
        return await BenchRunner.RunAsync(options);
    }

    if (args.Length > 0 && args[0] == "pipelines")
    {
        return await Maas.Bench.Pipelines.PipelineBench.RunAsync(args[1..]);
    }

    Console.Error.WriteLine("usage: maas-bench free-port | maas-bench pipelines [options] | maas-bench llm [options] | maas-bench compare --models-dir DIR --wrk-script FILE --work-dir DIR [servers] | maas-bench run --server URL --onnx FILE --expected FILE [options]");
    return 2;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"maas-bench: {e.Message}");
    return 1;
}

using Maas.Pipelines.Outputs;
using Maas.Runtime.Scheduling;
using Maas.Tensors;

namespace Maas.Pipelines.Text;

/// <summary>The shared half of every text pipeline: encode a batch, run it through the version's runner, read one output.</summary>
internal sealed class TextRunner(TextBatchEncoder encoder, IInferenceRunner runner, string outputName)
{
    public TextBatchEncoder Encoder { get; } = encoder;

    public async Task<T> RunAsync<T>(IReadOnlyList<string> texts, Func<TextBatch, Tensor, T> read, CancellationToken cancellationToken)
    {
        using var batch = Encoder.Encode(texts);
        using var response = await runner.RunAsync(batch.Request, cancellationToken);
        return read(batch, OutputReader.Find(response, outputName));
    }

    /// <summary>Checks an output has the rank a pipeline expects and returns its last dimension.</summary>
    public static int LastDimension(Tensor output, int rank, int rows)
    {
        if (output.Shape.Length != rank || output.Shape[0] != rows)
        {
            throw new InvalidOperationException(
                $"output '{output.Name}' has shape {DataTypes.FormatShape(output.Shape)}; expected rank {rank} with {rows} rows");
        }

        return (int)output.Shape[^1];
    }
}

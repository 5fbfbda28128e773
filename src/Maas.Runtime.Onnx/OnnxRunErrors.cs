using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Maas.Errors;
using Maas.Inference;
using Maas.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>
/// Turns ONNX Runtime's run failures into client messages. ORT reports them as "[ErrorCode:…] Non-zero status code
/// returned while running Gather node. Name:'/emb/Gather' Status Message: …idx=7 must be within…": the node dump
/// means nothing to a client, while the cause nearly always is one of its input values.
/// </summary>
internal static partial class OnnxRunErrors
{
    public static MaasException Describe(OnnxRuntimeException error, InferenceRequest request)
    {
        var status = StatusMessage().Match(error.Message) is { Success: true } match ? match.Groups[1].Value.Trim() : error.Message;
        if (OutOfRange().IsMatch(status))
        {
            var index = Index().Match(status) is { Success: true } idx
                && long.TryParse(idx.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : (long?)null;
            return MaasException.InvalidInput(
                $"inference failed: {Culprit(request, index)} holds a value outside the model's range{(index is { } i ? $" ({i})" : "")}: "
                + "an index (a category, a token id) larger than the table the model looks it up in");
        }

        // Keep ORT's own reason (shape and type mismatches are worded well enough), without the node dump and the
        // C++ source location and condition some messages start with.
        var reason = SourceLocation().Replace(ErrorCode().Replace(status, string.Empty).Trim(), string.Empty).Trim();
        var op = Operator().Match(error.Message) is { Success: true } running ? $"the model's {running.Groups[1].Value} operator refused these inputs: " : "";
        return MaasException.InvalidInput($"inference failed: {op}{reason}");
    }

    /// <summary>The integer input holding the offending index when exactly one does; otherwise the integer inputs.</summary>
    private static string Culprit(InferenceRequest request, long? index)
    {
        var integers = request.Inputs.Where(t => t.DataType is TensorDataType.Int64 or TensorDataType.Int32).ToList();
        if (index is { } wanted)
        {
            var holders = integers.Where(t => Holds(t, wanted)).ToList();
            if (holders.Count == 1)
            {
                return $"input '{holders[0].Name}'";
            }
        }

        return integers.Count switch
        {
            0 => "an input",
            1 => $"input '{integers[0].Name}'",
            _ => "one of the inputs " + string.Join(", ", integers.Select(t => $"'{t.Name}'")),
        };
    }

    private static bool Holds(Tensor tensor, long wanted)
    {
        var data = tensor.Data.Span;
        var size = tensor.DataType == TensorDataType.Int64 ? 8 : 4;
        for (var at = 0; at + size <= data.Length; at += size)
        {
            var value = size == 8 ? BinaryPrimitives.ReadInt64LittleEndian(data[at..]) : BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            if (value == wanted)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"Status Message:\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex StatusMessage();

    [GeneratedRegex(@"out of (data )?(range|bounds)", RegexOptions.IgnoreCase)]
    private static partial Regex OutOfRange();

    [GeneratedRegex(@"idx=(-?\d+)")]
    private static partial Regex Index();

    [GeneratedRegex(@"while running (\w+) node")]
    private static partial Regex Operator();

    [GeneratedRegex(@"^\S+:\d+ .*? was false\.", RegexOptions.Singleline)]
    private static partial Regex SourceLocation();

    [GeneratedRegex(@"^\[ErrorCode:[^\]]*\]")]
    private static partial Regex ErrorCode();
}

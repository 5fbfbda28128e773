using Maas.Errors;
using Maas.Models;

namespace Maas.Runtime.Onnx.Protobuf;

/// <summary>
/// Walks an ONNX ModelProto on disk and rejects external-data locations that are absolute or leave the model's
/// folder, before ONNX Runtime would open them: an uploaded model must not be able to read server files.
/// Only the messages that can hold tensors are entered (graphs, nodes, attributes, subgraphs, functions,
/// training graphs, sparse tensors); everything else, raw weights included, is skipped by seeking.
/// </summary>
internal static class ExternalDataScanner
{
    /// <summary>Nesting limit, the same as protobuf's default recursion limit.</summary>
    public const int MaxDepth = 100;

    private const int MaxEntryBytes = 64 * 1024;

    private enum Message
    {
        Model,
        Graph,
        Node,
        Attribute,
        Function,
        TrainingInfo,
        Tensor,
        SparseTensor,
        ExternalDataEntry,
    }

    /// <summary>
    /// Throws <see cref="MaasException"/> of kind InvalidModel when the file is not well-formed protobuf or names
    /// external data outside the folder that holds it, or any external data at all unless
    /// <paramref name="allowExternalData"/>. <paramref name="displayName"/> starts every message.
    /// </summary>
    public static void Check(string modelPath, string displayName, bool allowExternalData = true)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))
            ?? throw new ArgumentException("The model path has no folder.", nameof(modelPath));
        using var stream = new FileStream(modelPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var reader = new ProtoReader(stream);
        try
        {
            Scan(reader, Message.Model, reader.Length, 0, allowExternalData ? folder : null, displayName);
        }
        catch (InvalidDataException ex)
        {
            throw MaasException.InvalidModel($"{displayName}: not a valid ONNX model: {ex.Message}", ex);
        }
    }

    private static void Scan(ProtoReader reader, Message message, long end, int depth, string? folder, string displayName)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"messages nested more than {MaxDepth} deep");
        }

        if (message == Message.ExternalDataEntry)
        {
            CheckEntry(reader, end, folder, displayName);
            return;
        }

        while (reader.TryReadTag(end, out var field, out var wireType))
        {
            if (wireType == WireType.LengthDelimited && Child(message, field) is { } child)
            {
                var childEnd = reader.ReadLengthDelimitedEnd(end);
                Scan(reader, child, childEnd, depth + 1, folder, displayName);
            }
            else
            {
                reader.SkipValue(field, wireType, end, depth);
            }
        }
    }

    private static void CheckEntry(ProtoReader reader, long end, string? folder, string displayName)
    {
        string? key = null;
        string? value = null;
        while (reader.TryReadTag(end, out var field, out var wireType))
        {
            if (wireType == WireType.LengthDelimited && field is 1)
            {
                key = reader.ReadString(end, MaxEntryBytes);
            }
            else if (wireType == WireType.LengthDelimited && field is 2)
            {
                value = reader.ReadString(end, MaxEntryBytes);
            }
            else
            {
                reader.SkipValue(field, wireType, end, 0);
            }
        }

        if (key != "location")
        {
            return;
        }

        if (folder is null)
        {
            throw MaasException.InvalidModel(
                $"{displayName}: external data ('{value}') needs the model to be loaded from a folder that holds the data file");
        }

        if (ModelPaths.ResolveInside(folder, value ?? string.Empty) is null)
        {
            throw MaasException.InvalidModel(
                $"{displayName}: external data location '{value}' is absolute or outside the model folder");
        }
    }

    // Field numbers from onnx.proto: only the fields through which a TensorProto can be reached.
    private static Message? Child(Message parent, int field) => (parent, field) switch
    {
        (Message.Model, 7) => Message.Graph,
        (Message.Model, 20) => Message.TrainingInfo,
        (Message.Model, 25) => Message.Function,
        (Message.Graph, 1) => Message.Node,
        (Message.Graph, 5) => Message.Tensor,
        (Message.Graph, 15) => Message.SparseTensor,
        (Message.Node, 5) => Message.Attribute,
        (Message.Attribute, 5 or 10) => Message.Tensor,
        (Message.Attribute, 6 or 11) => Message.Graph,
        (Message.Attribute, 22 or 23) => Message.SparseTensor,
        (Message.Function, 7) => Message.Node,
        (Message.Function, 11) => Message.Attribute,
        (Message.TrainingInfo, 1 or 2) => Message.Graph,
        (Message.SparseTensor, 1 or 2) => Message.Tensor,
        (Message.Tensor, 13) => Message.ExternalDataEntry,
        _ => null,
    };
}

using System.Globalization;
using Maas.Tensors;

namespace Maas.Testing;

/// <summary>
/// Writes small, valid ONNX models (ir_version 8, default-domain opset 17) for tests, without any ONNX
/// dependency. Use the one-liners (<see cref="Identity"/>, <see cref="Add"/>) or chain the builder:
/// <code>
/// var bytes = new OnnxModelBuilder()
///     .Input("x", TensorDataType.Fp32, -1, 4)
///     .Output("y", TensorDataType.Fp32, -1, 4)
///     .Node("Relu", ["x"], ["y"])
///     .Build();
/// </code>
/// In a shape, -1 is a symbolic dimension: <c>batch</c> in position 0, <c>d1</c>, <c>d2</c>, … elsewhere
/// (the same name in two tensors means the same size, as ONNX Runtime reads it).
/// </summary>
public sealed class OnnxModelBuilder
{
    public const long IrVersion = 8;
    public const long Opset = 17;

    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];

    /// <summary>One input <c>x</c> → Identity → one output <c>y</c>, both of <paramref name="type"/> and <paramref name="shape"/>.</summary>
    public static byte[] Identity(TensorDataType type, long[] shape) =>
        new OnnxModelBuilder()
            .Input("x", type, shape)
            .Output("y", type, shape)
            .Node("Identity", ["x"], ["y"])
            .Build();

    /// <summary>Inputs <c>a</c> and <c>b</c> → Add → output <c>sum</c>, all of <paramref name="type"/> and <paramref name="shape"/>.</summary>
    public static byte[] Add(TensorDataType type, long[] shape) =>
        new OnnxModelBuilder()
            .Input("a", type, shape)
            .Input("b", type, shape)
            .Output("sum", type, shape)
            .Node("Add", ["a", "b"], ["sum"])
            .Build();

    /// <summary>Adds a graph input; inputs keep the order they are added in.</summary>
    public OnnxModelBuilder Input(string name, TensorDataType type, params long[] shape)
    {
        _inputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>Adds a graph output; outputs keep the order they are added in.</summary>
    public OnnxModelBuilder Output(string name, TensorDataType type, params long[] shape)
    {
        _outputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>Adds a node of the default domain. Nodes must be added in topological order.</summary>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs) => Node(opType, inputs, outputs, []);

    /// <summary>Adds a node with graph-valued attributes (the branches of <c>If</c>, the body of <c>Loop</c>).</summary>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, OnnxModelBuilder Graph)[] graphAttributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(OnnxFields.NodeInput, input);
        }

        foreach (var output in outputs)
        {
            node.String(OnnxFields.NodeOutput, output);
        }

        node.String(OnnxFields.NodeName, $"{opType.ToLowerInvariant()}_{_nodes.Count.ToString(CultureInfo.InvariantCulture)}");
        node.String(OnnxFields.NodeOpType, opType);
        foreach (var (name, graph) in graphAttributes)
        {
            node.Message(OnnxFields.NodeAttribute, new ProtoWriter()
                .String(OnnxFields.AttributeName, name)
                .Varint(OnnxFields.AttributeType, OnnxFields.AttributeTypeGraph)
                .Message(OnnxFields.AttributeGraph, graph.Graph()));
        }

        _nodes.Add(node);
        return this;
    }

    /// <summary>Adds a constant tensor whose little-endian element bytes are stored in the model.</summary>
    public OnnxModelBuilder Initializer(string name, TensorDataType type, long[] shape, byte[] rawData)
    {
        _initializers.Add(TensorHeader(name, type, shape).Bytes(OnnxFields.TensorRawData, rawData));
        return this;
    }

    /// <summary>
    /// Adds a constant tensor whose bytes live in another file, <paramref name="location"/> relative to the model
    /// file's folder (ONNX external data). The location is written as given, so tests can point it anywhere.
    /// </summary>
    public OnnxModelBuilder ExternalInitializer(string name, TensorDataType type, long[] shape, string location, long offset = 0, long? length = null)
    {
        var tensor = TensorHeader(name, type, shape)
            .Message(OnnxFields.TensorExternalData, Entry("location", location))
            .Message(OnnxFields.TensorExternalData, Entry("offset", offset.ToString(CultureInfo.InvariantCulture)));
        if (length is { } l)
        {
            tensor.Message(OnnxFields.TensorExternalData, Entry("length", l.ToString(CultureInfo.InvariantCulture)));
        }

        _initializers.Add(tensor.Varint(OnnxFields.TensorDataLocation, OnnxFields.DataLocationExternal));
        return this;
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] Build() =>
        new ProtoWriter()
            .Varint(OnnxFields.ModelIrVersion, IrVersion)
            .String(OnnxFields.ModelProducerName, "Maas.Testing")
            .Message(OnnxFields.ModelOpsetImport, new ProtoWriter().Varint(OnnxFields.OpsetVersion, Opset))
            .Message(OnnxFields.ModelGraph, Graph())
            .ToArray();

    /// <summary>Writes <see cref="Build"/> to <paramref name="path"/> and returns the path.</summary>
    public string Save(string path)
    {
        File.WriteAllBytes(path, Build());
        return path;
    }

    private ProtoWriter Graph()
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
        {
            graph.Message(OnnxFields.GraphNode, node);
        }

        graph.String(OnnxFields.GraphName, "maas_test");
        foreach (var initializer in _initializers)
        {
            graph.Message(OnnxFields.GraphInitializer, initializer);
        }

        foreach (var input in _inputs)
        {
            graph.Message(OnnxFields.GraphInput, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(OnnxFields.GraphOutput, output);
        }

        return graph;
    }

    private static ProtoWriter ValueInfo(string name, TensorDataType type, long[] shape)
    {
        var dims = new ProtoWriter();
        for (var i = 0; i < shape.Length; i++)
        {
            var dim = shape[i] >= 0
                ? new ProtoWriter().Varint(OnnxFields.DimValue, shape[i])
                : new ProtoWriter().String(OnnxFields.DimParam, i == 0 ? "batch" : "d" + i.ToString(CultureInfo.InvariantCulture));
            dims.Message(OnnxFields.ShapeDim, dim);
        }

        var tensorType = new ProtoWriter()
            .Varint(OnnxFields.TensorTypeElemType, OnnxFields.ElementType(type))
            .Message(OnnxFields.TensorTypeShape, dims);
        return new ProtoWriter()
            .String(OnnxFields.ValueInfoName, name)
            .Message(OnnxFields.ValueInfoType, new ProtoWriter().Message(OnnxFields.TypeTensorType, tensorType));
    }

    private static ProtoWriter TensorHeader(string name, TensorDataType type, long[] shape)
    {
        var tensor = new ProtoWriter();
        foreach (var dim in shape)
        {
            tensor.Varint(OnnxFields.TensorDims, dim);
        }

        return tensor
            .Varint(OnnxFields.TensorElementType, OnnxFields.ElementType(type))
            .String(OnnxFields.TensorName, name);
    }

    private static ProtoWriter Entry(string key, string value) =>
        new ProtoWriter().String(OnnxFields.EntryKey, key).String(OnnxFields.EntryValue, value);
}

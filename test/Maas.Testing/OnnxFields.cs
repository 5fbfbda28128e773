using Maas.Tensors;

namespace Maas.Testing;

/// <summary>Field numbers and enum values of onnx.proto that <see cref="OnnxModelBuilder"/> writes.</summary>
internal static class OnnxFields
{
    public const int ModelIrVersion = 1;
    public const int ModelProducerName = 2;
    public const int ModelGraph = 7;
    public const int ModelOpsetImport = 8;
    public const int OpsetVersion = 2;

    public const int GraphNode = 1;
    public const int GraphName = 2;
    public const int GraphInitializer = 5;
    public const int GraphInput = 11;
    public const int GraphOutput = 12;

    public const int NodeInput = 1;
    public const int NodeOutput = 2;
    public const int NodeName = 3;
    public const int NodeOpType = 4;
    public const int NodeAttribute = 5;

    public const int AttributeName = 1;
    public const int AttributeGraph = 6;
    public const int AttributeType = 20;
    public const int AttributeTypeGraph = 5;

    public const int ValueInfoName = 1;
    public const int ValueInfoType = 2;
    public const int TypeTensorType = 1;
    public const int TensorTypeElemType = 1;
    public const int TensorTypeShape = 2;
    public const int ShapeDim = 1;
    public const int DimValue = 1;
    public const int DimParam = 2;

    public const int TensorDims = 1;
    public const int TensorElementType = 2;
    public const int TensorName = 8;
    public const int TensorRawData = 9;
    public const int TensorExternalData = 13;
    public const int TensorDataLocation = 14;
    public const int DataLocationExternal = 1;
    public const int EntryKey = 1;
    public const int EntryValue = 2;

    /// <summary>TensorProto.DataType for a KServe datatype (BYTES is ONNX STRING).</summary>
    public static int ElementType(TensorDataType type) => type switch
    {
        TensorDataType.Fp32 => 1,
        TensorDataType.UInt8 => 2,
        TensorDataType.Int8 => 3,
        TensorDataType.UInt16 => 4,
        TensorDataType.Int16 => 5,
        TensorDataType.Int32 => 6,
        TensorDataType.Int64 => 7,
        TensorDataType.Bytes => 8,
        TensorDataType.Bool => 9,
        TensorDataType.Fp16 => 10,
        TensorDataType.Fp64 => 11,
        TensorDataType.UInt32 => 12,
        TensorDataType.UInt64 => 13,
        TensorDataType.Bf16 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

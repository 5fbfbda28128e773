namespace Maas.Tensors;

/// <summary>The tensor element types of the KServe Open Inference Protocol (plus Triton's BF16).</summary>
public enum TensorDataType
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Bf16,
    Fp32,
    Fp64,
    Bytes,
}

namespace Maas.Server.Api.Tensors;

/// <summary>bfloat16 is the upper half of a float32; .NET has no type for it, so convert by bits.</summary>
internal static class BFloat16
{
    public static ushort FromSingle(float value)
    {
        if (float.IsNaN(value))
        {
            return 0x7FC0;
        }

        var bits = BitConverter.SingleToUInt32Bits(value);
        // Round to nearest even on the 16 bits that are dropped.
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    public static bool IsInfinity(ushort value) => (value & 0x7FFF) == 0x7F80;

    public static float ToSingle(ushort value) => BitConverter.UInt32BitsToSingle((uint)value << 16);
}

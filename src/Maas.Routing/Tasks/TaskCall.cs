namespace Maas.Routing.Tasks;

/// <summary>
/// One pipeline call from any protocol: texts or images in. <paramref name="ItemName"/> is how the protocol names the
/// items in errors (<c>instances</c>, <c>input 'text'</c>, <c>files</c>).
/// </summary>
public sealed record TaskCall(
    IReadOnlyList<string>? Texts,
    IReadOnlyList<ReadOnlyMemory<byte>>? Images,
    string ItemName,
    int? TopK = null,
    int? Dimensions = null);

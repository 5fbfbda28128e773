namespace Maas.Vision;

/// <summary>
/// A transformers size dictionary: either exact <c>{height, width}</c> or aspect-keeping
/// <c>{shortest_edge[, longest_edge]}</c>.
/// </summary>
public sealed record ImageSize(int? Height = null, int? Width = null, int? ShortestEdge = null, int? LongestEdge = null)
{
    /// <summary>True when both <see cref="Height"/> and <see cref="Width"/> are given.</summary>
    public bool IsExact => Height is not null && Width is not null;

    public static ImageSize Exact(int height, int width) => new(Height: height, Width: width);

    public static ImageSize Shortest(int shortestEdge, int? longestEdge = null) =>
        new(ShortestEdge: shortestEdge, LongestEdge: longestEdge);
}

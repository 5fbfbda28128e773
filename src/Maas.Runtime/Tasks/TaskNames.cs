namespace Maas.Runtime.Tasks;

/// <summary>The tasks a version can serve; shown as <c>task</c> in the version document.</summary>
public static class TaskNames
{
    public const string Tensor = "tensor";
    public const string TextClassification = "text-classification";
    public const string TokenClassification = "token-classification";
    public const string FeatureExtraction = "feature-extraction";
    public const string ImageClassification = "image-classification";
    public const string TextGeneration = "text-generation";

    public static IReadOnlyList<string> All { get; } =
        [Tensor, TextClassification, TokenClassification, FeatureExtraction, ImageClassification, TextGeneration];
}

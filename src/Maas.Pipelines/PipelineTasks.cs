using Maas.Runtime.Tasks;

namespace Maas.Pipelines;

/// <summary>The tasks this library serves, and which of them take text or images.</summary>
public static class PipelineTasks
{
    public static bool IsPipeline(string task) => IsText(task) || IsImage(task);

    public static bool IsText(string task) =>
        task is TaskNames.TextClassification or TaskNames.TokenClassification or TaskNames.FeatureExtraction;

    public static bool IsImage(string task) => task == TaskNames.ImageClassification;
}

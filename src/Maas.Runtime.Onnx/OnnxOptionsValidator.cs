using Microsoft.Extensions.Options;

namespace Maas.Runtime.Onnx;

/// <summary>Rejects option values ONNX Runtime would misread, so a bad setting fails at start, not at first load.</summary>
internal sealed class OnnxOptionsValidator : IValidateOptions<OnnxOptions>
{
    private static readonly string[] Levels = ["disable", "basic", "extended", "all"];

    public ValidateOptionsResult Validate(string? name, OnnxOptions options)
    {
        var failures = new List<string>();
        if (options.IntraOpThreads < 0)
        {
            failures.Add($"{OnnxOptions.SectionName}:IntraOpThreads must be 0 (all cores) or more, not {options.IntraOpThreads}.");
        }

        if (options.InterOpThreads < 0)
        {
            failures.Add($"{OnnxOptions.SectionName}:InterOpThreads must be 0 (all cores) or more, not {options.InterOpThreads}.");
        }

        if (!Levels.Contains(options.GraphOptimizationLevel, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{OnnxOptions.SectionName}:GraphOptimizationLevel '{options.GraphOptimizationLevel}' is not one of {string.Join(", ", Levels)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maas.Runtime.Configuration;

/// <summary>
/// The one way settings are checked: each options type lists its own problems as sentences naming the key, and the
/// host validates them at start, so a typo in configuration stops <c>maas serve</c> with that sentence instead of
/// surfacing at the first load or request.
/// </summary>
public static class OptionsProblems
{
    public static OptionsBuilder<T> ValidateProblems<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<T>>(new Validator<T>(builder.Name, problems));
        return builder.ValidateOnStart();
    }

    private sealed class Validator<T>(string? name, Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}

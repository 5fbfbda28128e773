using Maas.Errors;

namespace Maas.Routing.Generation;

internal static class GenerationErrors
{
    /// <summary>A 400 naming the request field at fault (OpenAI's <c>param</c>).</summary>
    public static MaasException Invalid(string param, string message) => new(ErrorKind.InvalidInput, message) { Param = param };
}

namespace Maas.Errors;

/// <summary>
/// The message of a framework exception as a sentence a user can read: ArgumentException appends
/// " (Parameter 'name')", which names a .NET parameter the user never saw.
/// </summary>
public static class ErrorText
{
    private const string ParameterMarker = " (Parameter '";

    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WithoutParameterSuffix(error.Message);
    }

    public static string WithoutParameterSuffix(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.IndexOf(ParameterMarker, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = message.IndexOf("')", at + ParameterMarker.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            message = string.Concat(message.AsSpan(0, at), message.AsSpan(end + 2));
            at = message.IndexOf(ParameterMarker, at, StringComparison.Ordinal);
        }

        return message;
    }
}

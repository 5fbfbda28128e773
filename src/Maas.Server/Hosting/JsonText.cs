using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Maas.Errors;

namespace Maas.Server.Hosting;

/// <summary>
/// Checks, before any parsing, the two things System.Text.Json only notices when a string is finally read (and then
/// throws InvalidOperationException, a 500): bytes that are not UTF-8, and a \uD800-\uDFFF escape without its pair.
/// </summary>
internal static class JsonText
{
    public static void EnsureReadable(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            throw MaasException.InvalidInput("the request body is not valid UTF-8");
        }

        // Paired escapes (Python's json.dumps writes emoji that way) are fine; the walk below runs only when the
        // vectorised scan sees any surrogate escape, so tensor bodies pay one IndexOf.
        if (HasSurrogateEscape(body))
        {
            FindUnpairedSurrogate(body);
        }
    }

    private static bool HasSurrogateEscape(ReadOnlySpan<byte> body)
    {
        var rest = body;
        while (true)
        {
            var at = rest.IndexOf("\\u"u8);
            if (at < 0 || at + 3 >= rest.Length)
            {
                return false;
            }

            var high = rest[at + 2];
            var next = rest[at + 3];
            if (high is (byte)'d' or (byte)'D' && next is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }

            rest = rest[(at + 2)..];
        }
    }

    /// <summary>Walks the JSON keeping the path, so the error names the field; syntax errors are left to the parser.</summary>
    private static void FindUnpairedSurrogate(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        var path = new List<Segment>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!CanRead(ref reader))
                        {
                            throw Unpaired($"a property name in {Describe(path)}");
                        }

                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add(Enter(path, property, reader.TokenType == JsonTokenType.StartArray));
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        var value = Enter(path, property, false);
                        property = null;
                        if (reader.TokenType == JsonTokenType.String && !CanRead(ref reader))
                        {
                            path.Add(value);
                            throw Unpaired(Describe(path));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the parser that runs next reports that, with its position.
        }
    }

    private static bool CanRead(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return true;
        }

        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The segment of the value starting here: its property name in an object, its index in an array.</summary>
    private static Segment Enter(List<Segment> path, string? property, bool isArray)
    {
        if (path.Count == 0)
        {
            return new Segment(null, isArray);
        }

        var parent = path[^1];
        if (parent.IsArray)
        {
            var segment = new Segment($"[{parent.Count}]", isArray);
            path[^1] = parent with { Count = parent.Count + 1 };
            return segment;
        }

        return new Segment(property, isArray);
    }

    private static string Describe(List<Segment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Name is not { } name)
            {
                continue;
            }

            if (text.Length > 0 && name[0] != '[')
            {
                text.Append('.');
            }

            text.Append(name);
        }

        return text.Length == 0 ? "the request body" : $"'{text}'";
    }

    private static MaasException Unpaired(string where) =>
        new(ErrorKind.InvalidInput, $"{where} contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF must come as a high-low pair)")
        {
            Param = where.StartsWith('\'') ? where[1..^1] : null,
        };

    private readonly record struct Segment(string? Name, bool IsArray, int Count = 0);
}

using Maas.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Maas.Server.Hosting;

/// <summary>
/// Reads a <c>multipart/form-data</c> body with the route's size limit, every way it can be malformed (a bad header,
/// a missing closing boundary, a truncated part) reported as a 400 rather than the IOException the reader throws.
/// </summary>
internal static class MultipartBody
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, long limit, int valueCountLimit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw MaasException.TooLarge($"the request body is {declared} bytes, over the limit of {limit} bytes");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = valueCountLimit }, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw MaasException.InvalidInput($"the multipart body could not be read: {ex.Message}");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // MultipartReader's "Unexpected end of Stream": the body ended before the closing --boundary--.
            throw MaasException.InvalidInput("the multipart body ended before its closing boundary; send a complete multipart/form-data body");
        }
    }
}

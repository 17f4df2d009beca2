using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AgentConsole.Api;

/// <summary>
/// Reads a JSON request body within a size limit, answering 415, 413 or 400 problem details when
/// the body is not JSON, too large, or malformed. Endpoints then validate the fields themselves,
/// so every problem names the field it is about.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The body as a JSON document, or the problem result to return instead.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "The body must be JSON, sent with Content-Type: application/json."));

        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1L;

        // Read at most one byte past the limit: enough to know the body is too large without reading it all.
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            try
            {
                int read;
                while (length <= maxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
                    length += read;
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, TooLarge(maxBytes));
            }
            if (length > maxBytes) return (null, TooLarge(maxBytes));
            if (length == 0) return (null, Malformed("The body is empty.", "$"));

            try
            {
                return (JsonDocument.Parse(buffer.AsMemory(0, length), Options), null);
            }
            catch (JsonException e)
            {
                return (null, Malformed($"The body is not valid JSON: {e.Message}", e.Path ?? "$"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)) &&
        (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The body must be at most {maxBytes} bytes.");

    private static IResult Malformed(string detail, string path) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [path] = [detail] }, detail: detail, title: "Malformed JSON");
}

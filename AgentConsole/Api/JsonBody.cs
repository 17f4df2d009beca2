using System.Buffers;
using System.Text.Unicode;
using AgentConsole.Api.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AgentConsole.Api;

/// <summary>A request body read into its contract, with the fields that had the wrong JSON type; or the problem to answer instead.</summary>
public sealed record JsonBody<T>(T? Value, ValidationErrors Errors, ReadOnlyMemory<byte> Utf8, IResult? Problem) where T : class;

/// <summary>
/// Reads a JSON request body within a size limit into its typed contract, answering 415, 413 or 400
/// problem details when the body is not JSON, too large, not UTF-8 or malformed. Endpoints then
/// validate the contract, so every problem names the field it is about.
/// </summary>
public static class JsonBody
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>The body as a <typeparamref name="T"/>, or the problem result to return instead.</summary>
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken) where T : class
    {
        if (!IsJson(request.ContentType))
            return Refused<T>(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "The body must be JSON, sent with Content-Type: application/json."));

        if (request.ContentLength > maxBytes) return Refused<T>(TooLarge(maxBytes));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1L;

        byte[] utf8;
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
                return Refused<T>(TooLarge(maxBytes));
            }
            if (length > maxBytes) return Refused<T>(TooLarge(maxBytes));
            utf8 = buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (utf8.Length == 0) return Refused<T>(Malformed("The body is empty.", ValidationErrors.Root));
        // JSON text is UTF-8 without a byte order mark (RFC 8259); anything else is refused before parsing.
        if (utf8.AsSpan().StartsWith(ByteOrderMark))
            return Refused<T>(Malformed("The body starts with a byte order mark; send UTF-8 without one.", ValidationErrors.Root));
        if (!Utf8.IsValid(utf8)) return Refused<T>(Malformed("The body is not valid UTF-8.", ValidationErrors.Root));

        var contract = ContractReader.Read<T>(utf8);
        if (contract.NotJson is { } notJson)
            return Refused<T>(Malformed($"The body is not valid JSON: {notJson.Message}", notJson.Path ?? ValidationErrors.Root));
        if (contract.Value is null) return Refused<T>(Results.ValidationProblem(contract.Errors.ToDictionary()));
        return new(contract.Value, contract.Errors, utf8, null);
    }

    private static JsonBody<T> Refused<T>(IResult problem) where T : class => new(null, new ValidationErrors(), ReadOnlyMemory<byte>.Empty, problem);

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

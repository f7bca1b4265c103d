using System.Text.Json;
using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>
/// Reads JSON request bodies for the HTTP API: never past the function's <see cref="RequestBodyLimits"/>
/// (<see cref="RequestBodyTooLargeException"/>), and every other failure a <see cref="ValidationException"/> naming the field.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = new ApiNamingPolicy(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class =>
        await ReadOptionalAsync<T>(request, ct) ?? throw new ValidationException("body", "A JSON body is required.");

    /// <summary>The body as <typeparamref name="T"/>, or null when the request has none (an optional body).</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var limit = RequestBodyLimits.For(request);
        if (request.ContentLength > limit)
        {
            throw new RequestBodyTooLargeException(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            // A body without Content-Length (chunked) stops here, not once it is all in memory.
            if (buffer.Length + read > limit)
            {
                throw new RequestBodyTooLargeException(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options)
                   ?? throw new ValidationException("body", "A JSON object is required, not null.");
        }
        catch (JsonException e)
        {
            // Path is like "$.jiraBaseUrl" or "$.items[3].notAfter": name the field without the root marker.
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw new ValidationException(field, "Malformed JSON or a value of the wrong type.");
        }
    }

    /// <summary>camelCase, except that the records' <c>ETag</c> is <c>etag</c> (not <c>eTag</c>), as the header is spelled.</summary>
    private sealed class ApiNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == "ETag" ? "etag" : CamelCase.ConvertName(name);
    }
}

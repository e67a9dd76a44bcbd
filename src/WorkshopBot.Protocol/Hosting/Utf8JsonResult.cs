using Microsoft.AspNetCore.Http;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>An answer whose JSON is already UTF-8 bytes: written as they are, with its status and length.</summary>
internal sealed class Utf8JsonResult(byte[] body, int statusCode) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => statusCode;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}

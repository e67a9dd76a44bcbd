using Microsoft.AspNetCore.Http;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// An answer whose JSON is written from its parts straight into the response's own buffers (Kestrel's pooled pipe), with
/// its status and length: the same bytes as <see cref="Utf8JsonResult"/> over <see cref="Utf8Parts.ToArray"/>, without
/// that array. The parts are copied in before the flush is started, so nothing of them is read once this has returned.
/// </summary>
internal sealed class Utf8PartsResult(Utf8Parts body, int statusCode) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;

    public string ContentType => Utf8JsonResult.JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = Utf8JsonResult.JsonContentType;
        response.ContentLength = body.Length;
        var writer = response.BodyWriter;
        body.WriteTo(writer);
        var flush = writer.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}

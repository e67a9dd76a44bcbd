using Microsoft.Net.Http.Headers;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// Whether a request declares its body as JSON the bot can read: <c>application/json</c>, with no charset or UTF-8 (what
/// Teams, the Agents Playground and the Bot Framework Emulator send: <c>application/json; charset=utf-8</c> or
/// <c>application/json</c>). Anything else, or none, is answered 415 before a byte of the body is read.
/// </summary>
public static class JsonContentType
{
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = media.Charset;
        return !charset.HasValue || charset.Value!.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>Reading the request's body, once its token has been checked.</summary>
public static partial class BotEndpoint
{
    /// <summary>The pooled buffer a body is first read into (at most; less when the Content-Length is smaller).</summary>
    private const int InitialBodyBuffer = 16 * 1024;

    private const int MinimumBodyBuffer = 1024;

    /// <summary>
    /// The body, or null when it is larger than <paramref name="maxBytes"/> (declared or sent). It is read into pooled
    /// buffers that grow only as bytes arrive, never sized from the Content-Length, which the caller chooses before its
    /// token is checked: a request that claims 256 KB and sends a few bytes holds a small pooled buffer, not 256 KB.
    /// The one array allocated is the body's exact size, as the parser needs.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var expected = (int)Math.Min(request.ContentLength ?? InitialBodyBuffer, InitialBodyBuffer);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expected, MinimumBodyBuffer));
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // Grown only once the bytes that fill it have arrived; one past the limit tells an oversized body.
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, filled).ToArray();
                }

                filled += read;
                if (filled > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

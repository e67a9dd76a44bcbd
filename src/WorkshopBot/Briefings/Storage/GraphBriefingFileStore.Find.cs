// Finding a Word file the bot put in a channel's Files when its ids were never recorded (the instance died mid-upload).
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Identity.Client;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// What looking for a file in a channel's Files found: the file (<see cref="DriveId"/>, <see cref="ItemId"/>), no such file
/// (<see cref="Absent"/>: the upload never stored it), or a failure (<see cref="Error"/>), <see cref="Transient"/> as for a
/// deletion.
/// </summary>
public sealed record FileFindResult(string? DriveId, string? ItemId, string? Error, bool Transient = false, TimeSpan? RetryAfter = null)
{
    public bool Found => DriveId is not null && ItemId is not null;

    public bool Absent => !Found && Error is null;

    public static FileFindResult NotThere { get; } = new(null, null, null);

    public static FileFindResult Failed(string error, bool transient = false, TimeSpan? retryAfter = null) =>
        new(null, null, error, transient, retryAfter);
}

public sealed partial class GraphBriefingFileStore
{
    /// <summary>The most pages of a folder's listing read while looking for one file (200 files a page).</summary>
    public const int MaxPages = 50;

    /// <summary>
    /// <c>GET /teams/{team-id}/channels/{channel-id}/filesFolder</c>, then the folder's children (<c>id</c> and <c>name</c>
    /// only, page by page), until <paramref name="isTheFile"/> recognises a name. Busy or not answering is
    /// transient, as for a deletion; the team or channel not found (404) or a refusal is a failure for good.
    /// </summary>
    public async Task<FileFindResult> FindInChannelAsync(string teamGroupId, string channelId, Func<string, bool> isTheFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isTheFile);
        ArgumentException.ThrowIfNullOrEmpty(teamGroupId);
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        if (!IsEnabled)
        {
            return FileFindResult.Failed("Microsoft Graph is not configured.", transient: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var token = await tokens.GetTokenAsync(timeout.Token).ConfigureAwait(false);
            using var http = httpClients.CreateClient(HttpClientName);
            var baseUrl = options.Value.BaseUrl.TrimEnd('/');
            var (folder, failed) = await GetJsonAsync(http, token,
                new Uri($"{baseUrl}/teams/{Uri.EscapeDataString(teamGroupId)}/channels/{Uri.EscapeDataString(channelId)}/filesFolder"),
                timeout.Token).ConfigureAwait(false);
            var driveId = folder?.RootElement.TryGetProperty("parentReference", out var parent) == true
                && parent.TryGetProperty("driveId", out var d) ? d.GetString() : null;
            var folderId = folder?.RootElement.TryGetProperty("id", out var f) == true ? f.GetString() : null;
            folder?.Dispose();
            if (failed is not null || driveId is null || folderId is null)
            {
                return failed ?? FileFindResult.Failed("Graph did not return the channel's Files folder.");
            }

            Uri? next = new($"{baseUrl}/drives/{Uri.EscapeDataString(driveId)}/items/{Uri.EscapeDataString(folderId)}/children"
                + "?$select=id,name&$top=200");
            for (var page = 0; next is not null && page < MaxPages; page++)
            {
                var (listing, refused) = await GetJsonAsync(http, token, next, timeout.Token).ConfigureAwait(false);
                if (refused is not null || listing is null)
                {
                    return refused ?? FileFindResult.Failed("Graph did not list the channel's files.");
                }

                using (listing)
                {
                    if (FindIn(listing.RootElement, isTheFile) is { } itemId)
                    {
                        return new FileFindResult(driveId, itemId, null);
                    }

                    next = NextPage(listing.RootElement, baseUrl);
                }
            }

            return next is null ? FileFindResult.NotThere
                : FileFindResult.Failed($"The channel's Files folder has more than {MaxPages * 200} files to look through.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or MsalException or JsonException)
        {
            LogDeleteFailed(0, ex.GetType().Name);
            return FileFindResult.Failed(ex is OperationCanceledException ? "Microsoft Graph did not answer in time."
                : "Microsoft Graph could not be reached.", transient: ex is not JsonException);
        }
    }

    private static string? FindIn(JsonElement listing, Func<string, bool> isTheFile) =>
        listing.TryGetProperty("value", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Where(i => i.TryGetProperty("name", out var n) && n.GetString() is { } name && isTheFile(name))
                .Select(i => i.TryGetProperty("id", out var id) ? id.GetString() : null)
                .FirstOrDefault(id => id is { Length: > 0 })
            : null;

    // Graph's next page, followed only on Graph's own host: the bot's token is never sent anywhere else.
    private static Uri? NextPage(JsonElement listing, string baseUrl) =>
        listing.TryGetProperty("@odata.nextLink", out var link) && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var uri)
            && string.Equals(uri.Host, new Uri(baseUrl).Host, StringComparison.OrdinalIgnoreCase) ? uri : null;

    private async Task<(JsonDocument? Json, FileFindResult? Failed)> GetJsonAsync(HttpClient http, string token, Uri url,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            LogDeleteFailed(status, "find");
            return (null, FileFindResult.Failed(DescribeDelete(status), status is 408 or 423 or 429 or >= 500,
                RetryAfter(response.Headers.RetryAfter)));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return (await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false), null);
    }
}

// Deleting a Word file the bot put in a channel's Files: a withdrawn version's, or a purged audit's.
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Identity.Client;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// The outcome of deleting a file from a channel's Files. <see cref="Transient"/> when Graph was busy (throttling, failing,
/// not answering): the background deletion tries again later, not before <see cref="RetryAfter"/> when Graph said so.
/// </summary>
public sealed record FileDeleteResult(bool Deleted, string? Error, bool Transient = false, TimeSpan? RetryAfter = null)
{
    public static FileDeleteResult Done { get; } = new(true, null);

    public static FileDeleteResult Failed(string error, bool transient = false, TimeSpan? retryAfter = null) =>
        new(false, error, transient, retryAfter);
}

public sealed partial class GraphBriefingFileStore
{
    /// <summary>
    /// <c>DELETE /drives/{drive-id}/items/{item-id}</c> with the bot's app-only token. 204, and 404 (deleted in Teams already,
    /// or with its folder), count as deleted. 429, 5xx, 408 and 423 (the file open and locked), and no answer, are transient,
    /// with Graph's Retry-After when it gives one; anything else (403: the bot lost its permission) is a failure for good.
    /// Graph puts a deleted item in the site's recycle bin, from which only the site's owners can restore it.
    /// </summary>
    public async Task<FileDeleteResult> DeleteAsync(string driveId, string itemId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(driveId);
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        if (!IsEnabled)
        {
            return FileDeleteResult.Failed("Microsoft Graph is not configured.", transient: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var token = await tokens.GetTokenAsync(timeout.Token).ConfigureAwait(false);
            using var http = httpClients.CreateClient(HttpClientName);
            var url = new Uri(
                $"{options.Value.BaseUrl.TrimEnd('/')}/drives/{Uri.EscapeDataString(driveId)}/items/{Uri.EscapeDataString(itemId)}");
            using var request = new HttpRequestMessage(HttpMethod.Delete, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            {
                return FileDeleteResult.Done;
            }

            LogDeleteFailed(status, null);
            var transient = status is 408 or 423 or 429 or >= 500;
            return FileDeleteResult.Failed(DescribeDelete(status), transient, RetryAfter(response.Headers.RetryAfter));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or MsalException)
        {
            LogDeleteFailed(0, ex.GetType().Name);
            return FileDeleteResult.Failed(ex is OperationCanceledException ? "Microsoft Graph did not answer in time."
                : "Microsoft Graph could not be reached.", transient: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Misconfiguration (no client secret, say): the admins are told, and the file stays listed as not deleted.
            LogDeleteFailed(0, ex.GetType().Name);
            return FileDeleteResult.Failed(
                "The deletion through Microsoft Graph failed unexpectedly; ask your administrator to check the Graph settings.");
        }
    }

    // Graph gives the wait in seconds; a date instead is left to the pass's own backoff.
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta is { } wait && wait > TimeSpan.Zero ? wait : null;

    private static string DescribeDelete(int status) => status switch
    {
        429 => "Microsoft Graph is throttling requests (429).",
        423 => "The file is locked, perhaps open in Word (423).",
        >= 500 => $"Microsoft Graph failed ({status}).",
        403 or 401 => $"WorkshopBot has no permission to delete files in this channel's Files ({status}).",
        _ => $"Microsoft Graph refused the deletion ({status}).",
    };

    [LoggerMessage(EventId = 1530, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Deleting a briefing's Word file through Graph failed: {Status} {Code}")]
    private partial void LogDeleteFailed(int status, string? code);
}

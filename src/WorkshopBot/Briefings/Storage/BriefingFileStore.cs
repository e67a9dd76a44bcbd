using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// The outcome of putting a file into a channel's Files folder. <see cref="Transient"/> when a failure may pass by itself
/// (Graph throttling, failing or not answering): the background upload tries such a one again a little later. Once uploaded,
/// <see cref="DriveId"/> and <see cref="ItemId"/> say where Graph keeps the file, so it can be deleted later.
/// </summary>
public sealed record FileUploadResult(bool Succeeded, string? WebUrl, string? Error, bool Transient = false, string? DriveId = null,
    string? ItemId = null)
{
    public static FileUploadResult Uploaded(string? webUrl, string? driveId = null, string? itemId = null) =>
        new(true, webUrl, null, DriveId: driveId, ItemId: itemId);

    public static FileUploadResult Failed(string error, bool transient = false) => new(false, null, error, transient);
}

/// <summary>Puts the briefing's DOCX into a channel's Files folder (SharePoint behind Teams).</summary>
public interface IBriefingFileStore
{
    bool IsEnabled { get; }

    Task<FileUploadResult> UploadToChannelAsync(
        string teamGroupId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken);

    /// <summary>Deletes an uploaded file (<c>DELETE /drives/{drive-id}/items/{item-id}</c>); one already gone counts as deleted.</summary>
    Task<FileDeleteResult> DeleteAsync(string driveId, string itemId, CancellationToken cancellationToken);

    /// <summary>
    /// Looks in the channel's Files folder for the file whose name <paramref name="isTheFile"/> recognises: for an upload
    /// whose ids the bot never recorded.
    /// </summary>
    Task<FileFindResult> FindInChannelAsync(string teamGroupId, string channelId, Func<string, bool> isTheFile,
        CancellationToken cancellationToken);
}

/// <summary>An app-only Graph token (client credentials).</summary>
public interface IGraphTokenSource
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>App-only Graph tokens with the bot's own credential (secret, certificate or managed identity).</summary>
public sealed class MsalGraphTokenSource(BotAppCredential credential, IOptions<BotAuthenticationOptions> bot, IOptions<GraphOptions> graph)
    : IGraphTokenSource
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var tenant = graph.Value.TenantId is { Length: > 0 } t ? t : bot.Value.MicrosoftAppTenantId;
        return credential.AcquireTokenAsync($"https://login.microsoftonline.com/{tenant}", "https://graph.microsoft.com/.default",
            cancellationToken);
    }
}

/// <summary>
/// Uploads with the real Microsoft Graph client: teams/{id}/channels/{id}/filesFolder gives the drive and folder,
/// then the content is PUT to drives/{drive}/items/{folder}:/{name}:/content. The HttpClient has no retry
/// middleware on purpose: a throttled or failing upload is reported as transient, and the background upload
/// (<c>BriefingUploads</c>) decides when to try again, so an upload never holds its pass for long.
/// </summary>
public sealed partial class GraphBriefingFileStore(
    IHttpClientFactory httpClients,
    IGraphTokenSource tokens,
    IOptions<GraphOptions> options,
    ILogger<GraphBriefingFileStore> logger) : IBriefingFileStore
{
    public const string HttpClientName = "WorkshopBot.Briefings.Graph";

    public bool IsEnabled => options.Value.Enabled;

    public async Task<FileUploadResult> UploadToChannelAsync(
        string teamGroupId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsEnabled)
        {
            return FileUploadResult.Failed("Microsoft Graph is not configured.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            var baseUrl = options.Value.BaseUrl.TrimEnd('/');
            using var client = new GraphServiceClient(
                http, new BaseBearerTokenAuthenticationProvider(new TokenProvider(tokens, baseUrl)), baseUrl);
            var folder = await client.Teams[teamGroupId].Channels[channelId].FilesFolder
                .GetAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var driveId = folder?.ParentReference?.DriveId;
            if (driveId is null || folder?.Id is null)
            {
                return FileUploadResult.Failed("Graph did not return the channel's Files folder.");
            }

            using var stream = new MemoryStream(content, writable: false);
            var item = await client.Drives[driveId].Items[folder.Id].ItemWithPath(fileName).Content
                .PutAsync(stream, cancellationToken: timeout.Token).ConfigureAwait(false);
            return FileUploadResult.Uploaded(item?.WebUrl, item?.ParentReference?.DriveId ?? driveId, item?.Id);
        }
        catch (ODataError ex)
        {
            LogUploadFailed(ex.ResponseStatusCode, ex.Error?.Code);
            return FileUploadResult.Failed(Describe(ex.ResponseStatusCode, ex.Error?.Code), IsTransient(ex.ResponseStatusCode));
        }
        catch (ApiException ex)
        {
            LogUploadFailed(ex.ResponseStatusCode, null);
            return FileUploadResult.Failed(Describe(ex.ResponseStatusCode, null), IsTransient(ex.ResponseStatusCode));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or MsalException)
        {
            LogUploadFailed(0, ex.GetType().Name);
            return FileUploadResult.Failed(
                ex is OperationCanceledException ? "Microsoft Graph did not answer in time." : "Microsoft Graph could not be reached.",
                transient: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Misconfiguration (no client secret) or an unreadable answer: the post must still go out and the chair be told.
            LogUploadFailed(0, ex.GetType().Name);
            return FileUploadResult.Failed(
                "The upload to Microsoft Graph failed unexpectedly; ask your administrator to check the Graph settings.");
        }
    }

    private static bool IsTransient(int status) => status is 429 or >= 500;

    private static string Describe(int status, string? code) => status switch
    {
        429 => "Microsoft Graph is throttling requests (429).",
        >= 500 => $"Microsoft Graph failed ({status}).",
        403 => "WorkshopBot has no permission to write to this channel's files (403).",
        404 => "Graph could not find the team or channel (404).",
        _ => $"Microsoft Graph refused the upload ({status}{(code is null ? string.Empty : " " + code)}).",
    };

    [LoggerMessage(EventId = 5301, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Briefing upload to Graph failed: {Status} {Code}")]
    private partial void LogUploadFailed(int status, string? code);

    private sealed class TokenProvider(IGraphTokenSource tokens, string baseUrl) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(baseUrl).Host]);

        public Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            tokens.GetTokenAsync(cancellationToken);
    }
}

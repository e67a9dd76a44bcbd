using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Typed HttpClient for the connector. Token, rate limit and retries live in the handlers registered by
/// <see cref="BotConnectorServiceCollectionExtensions.AddBotConnector"/>; this class builds requests and maps answers.
/// </summary>
public sealed class ConnectorClient(HttpClient httpClient, TimeProvider timeProvider) : IConnectorClient
{
    private const int MaxErrorBodyChars = 16 * 1024;

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "activities");
        return SendAsync<ResourceResponse>(nameof(SendToConversationAsync), HttpMethod.Post, uri, activity, conversationId,
            cancellationToken, static () => new ResourceResponse());
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "activities", Id(replyToId));
        return SendAsync<ResourceResponse>(nameof(ReplyToActivityAsync), HttpMethod.Post, uri, activity, conversationId, cancellationToken,
            static () => new ResourceResponse());
    }

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "activities", Id(activityId));
        return SendAsync<ResourceResponse>(nameof(UpdateActivityAsync), HttpMethod.Put, uri, activity, conversationId, cancellationToken,
            () => new ResourceResponse { Id = activityId });
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId,
        CancellationToken cancellationToken = default)
    {
        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "activities", Id(activityId));
        await SendAsync<JsonElement>(nameof(DeleteActivityAsync), HttpMethod.Delete, uri, body: null, rateLimitedConversation: null,
            cancellationToken, static () => default).ConfigureAwait(false);
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = Build(serviceUrl, "v3/conversations");
        return SendAsync<ConversationResourceResponse>(nameof(CreateConversationAsync), HttpMethod.Post, uri, parameters, null,
            cancellationToken, static () => new ConversationResourceResponse());
    }

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null,
        string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "pagedmembers");
        if (query.Count > 0)
        {
            uri = new Uri(uri + "?" + string.Join('&', query));
        }

        return SendAsync<PagedMembersResult>(nameof(GetPagedMembersAsync), HttpMethod.Get, uri, null, null, cancellationToken,
            static () => new PagedMembersResult());
    }

    public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId,
        CancellationToken cancellationToken = default)
    {
        var uri = Build(serviceUrl, "v3/conversations", Id(conversationId), "members", Id(userId));
        return SendAsync<TeamsChannelAccount>(nameof(GetMemberAsync), HttpMethod.Get, uri, null, null, cancellationToken,
            static () => throw new ConnectorException("The connector returned an empty member.", null, null, null));
    }

    public Task<ConversationList> GetTeamChannelsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken = default)
    {
        var uri = Build(serviceUrl, "v3/teams", Id(teamId), "conversations");
        return SendAsync<ConversationList>(nameof(GetTeamChannelsAsync), HttpMethod.Get, uri, null, null, cancellationToken,
            static () => new ConversationList());
    }

    /// <summary>serviceUrl with exactly one trailing slash, then the already-escaped segments.</summary>
    internal static Uri Build(string serviceUrl, params string[] segments)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        var root = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        return new Uri(root + string.Join('/', segments));
    }

    /// <summary>
    /// Escapes an id as one path segment (channel thread ids contain ';', user ids ':'). "." and ".." are refused: no id
    /// is one, and the URL would resolve them away into another route of the connector.
    /// </summary>
    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (IsDotSegment(id))
        {
            throw new ArgumentException("An id cannot be '.' or '..'.", nameof(id));
        }

        return Uri.EscapeDataString(id);
    }

    /// <summary>True for "." and "..", which a URL path resolves away rather than keeping as a segment.</summary>
    public static bool IsDotSegment(string? id) => id is "." or "..";

    private async Task<T> SendAsync<T>(
        string operation,
        HttpMethod method,
        Uri uri,
        object? body,
        string? rateLimitedConversation,
        CancellationToken cancellationToken,
        Func<T> whenEmpty)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            // StringContent can be re-read, which the retry handler relies on.
            request.Content = new StringContent(
                JsonSerializer.Serialize(body, body.GetType(), BotJson.Options), Encoding.UTF8, "application/json");
        }

        if (rateLimitedConversation is not null)
        {
            request.Options.Set(ConnectorRequest.RateLimitedConversation, rateLimitedConversation);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException($"{operation}: the connector could not be reached ({ex.HttpRequestError}).", null, null, null, ex);
        }
        catch (TimeoutException ex)
        {
            throw new ConnectorException($"{operation}: the connector did not answer in time.", null, null, null, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ToExceptionAsync(operation, response, cancellationToken).ConfigureAwait(false);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
            {
                return whenEmpty();
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, BotJson.Options) ?? whenEmpty();
            }
            catch (JsonException ex)
            {
                throw new ConnectorException(
                    $"{operation}: the connector's answer is not the expected JSON.", response.StatusCode, null, null, ex);
            }
        }
    }

    private async Task<ConnectorException> ToExceptionAsync(string operation, HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        string? code = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            code = ReadErrorCode(text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text);
        }
        catch (HttpRequestException)
        {
            // The status alone is enough to act on.
        }

        var header = response.Headers.RetryAfter;
        var retryAfter = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        var status = (int)response.StatusCode;
        var message = code is null ? $"{operation} failed with HTTP {status}." : $"{operation} failed with HTTP {status} ({code}).";
        return new ConnectorException(message, response.StatusCode, code, retryAfter);
    }

    /// <summary>Reads <c>error.code</c> (or a top-level <c>code</c>) from an error body; null when there is none.</summary>
    internal static string? ReadErrorCode(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var nested) && nested.ValueKind == JsonValueKind.String)
            {
                return nested.GetString();
            }

            return root.TryGetProperty("code", out var flat) && flat.ValueKind == JsonValueKind.String ? flat.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

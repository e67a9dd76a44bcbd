using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Links;

/// <summary>What a signed link's check found.</summary>
public enum LinkCheck
{
    Valid,

    /// <summary>Malformed, forged, altered or for another purpose: nothing to learn, so callers answer 404.</summary>
    Invalid,

    /// <summary>Genuine but past its expiry.</summary>
    Expired,
}

/// <summary>
/// Short-lived download links (exports, briefing documents): an HMAC-SHA256-signed grant with a purpose and an
/// expiry. The link is the credential, shown only to the person it names, and the endpoint still checks that
/// person's role when it is used. The key comes from <c>WorkshopBot:LinkSigningKey</c> or is generated once into
/// the store, so links survive a restart and work on every instance sharing the store.
/// </summary>
public sealed class SignedLinks(IDocumentStore documents, IOptions<WorkshopBotOptions> options, TimeProvider time)
{
    private const string SecretsCollection = "secrets";
    private const string KeyId = "link-signing-key";

    public async Task<string> SignAsync<TGrant>(string purpose, TGrant grant, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var envelope = new Envelope<TGrant>(purpose, expiresAt.ToUnixTimeSeconds(), grant);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(envelope, DocumentStoreExtensions.DefaultJsonOptions));
        var key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    public async Task<(TGrant? Grant, LinkCheck Check)> ReadAsync<TGrant>(string purpose, string? token,
        CancellationToken cancellationToken)
        where TGrant : class
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payload || FromBase64Url(parts[1]) is not { } signature)
        {
            return (null, LinkCheck.Invalid);
        }

        var key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0])), signature))
        {
            return (null, LinkCheck.Invalid);
        }

        Envelope<TGrant>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope<TGrant>>(payload, DocumentStoreExtensions.DefaultJsonOptions);
        }
        catch (JsonException)
        {
            return (null, LinkCheck.Invalid);
        }

        if (envelope?.Grant is null || envelope.Purpose != purpose)
        {
            return (null, LinkCheck.Invalid);
        }

        return DateTimeOffset.FromUnixTimeSeconds(envelope.ExpiresAt) <= time.GetUtcNow()
            ? (null, LinkCheck.Expired)
            : (envelope.Grant, LinkCheck.Valid);
    }

    /// <summary>
    /// Reads a link and answers as every download endpoint does (see <see cref="LinkAnswers"/>): <paramref name="serve"/>
    /// runs only for a genuine, unexpired grant of this purpose, and decides what to send.
    /// </summary>
    public async Task<IResult> ServeAsync<TGrant>(string purpose, string? token, Func<TGrant, Task<IResult>> serve,
        CancellationToken cancellationToken)
        where TGrant : class
    {
        ArgumentNullException.ThrowIfNull(serve);
        var (grant, check) = await ReadAsync<TGrant>(purpose, token, cancellationToken).ConfigureAwait(false);
        return new NotStored(check switch
        {
            LinkCheck.Valid => await serve(grant!).ConfigureAwait(false),
            LinkCheck.Expired => LinkAnswers.Expired(),
            _ => LinkAnswers.NotFound(),
        });
    }

    /// <summary>
    /// A signed link's answer, never kept by a browser or proxy: a cached file would outlive the link's expiry and the
    /// role check made each time it is used.
    /// </summary>
    private sealed class NotStored(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>The absolute URL of a path on this bot, or null when <c>WorkshopBot:PublicBaseUrl</c> is not set.</summary>
    public Uri? Absolute(string path) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? null
            : new Uri(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), path.TrimStart('/'));

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.LinkSigningKey))
        {
            return Convert.FromBase64String(options.Value.LinkSigningKey);
        }

        var stored = await documents.GetAsync<string>(SecretsCollection, KeyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // Two instances may race here; the first insert wins and both read it back.
            await documents.InsertAsync(SecretsCollection, KeyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            stored = await documents.GetAsync<string>(SecretsCollection, KeyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Convert.FromBase64String(stored!.Value);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Envelope<TGrant>(string Purpose, long ExpiresAt, TGrant Grant);
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkshopBot.Common.Secrets;
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
/// Short-lived download links (exports, briefing documents): a grant with a purpose and an expiry, sealed with AES-256-GCM
/// so that whoever sees the URL (a proxy's log, browser history, a forwarded link) learns nothing of what it grants.
/// The token is <c>base64url(nonce, expiry, grant) "." base64url(tag)</c>: a random 12-byte nonce per link, the expiry
/// and the grant's JSON encrypted, and the purpose bound in as associated data, so a link of one purpose does not open
/// another. The link is the credential, shown only to the person it names, and the endpoint still checks that person's
/// role when it is used. The key is derived (HKDF-SHA256, <see cref="SealingLabel"/>) from the deployment's key
/// (<see cref="DeploymentKey"/>), so links survive a restart and work on every instance sharing the store.
/// Links of the previous, signed but readable form are still read until they expire (see SignedLinks.SignedForm.cs).
/// </summary>
public sealed partial class SignedLinks(DeploymentKey key, IOptions<WorkshopBotOptions> options, TimeProvider time)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int ExpiryBytes = sizeof(long);

    /// <summary>Whatever the stored or configured key is also used for, the sealing key is this use's alone.</summary>
    private static ReadOnlySpan<byte> SealingLabel => "WorkshopBot download links: AES-256-GCM sealing key, v1"u8;

    /// <summary>A new sealed link to <paramref name="grant"/> for <paramref name="purpose"/>, until <paramref name="expiresAt"/>.</summary>
    public async Task<string> SignAsync<TGrant>(string purpose, TGrant grant, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var json = JsonSerializer.SerializeToUtf8Bytes(grant, DocumentStoreExtensions.DefaultJsonOptions);
        var body = new byte[NonceBytes + ExpiryBytes + json.Length];
        RandomNumberGenerator.Fill(body.AsSpan(0, NonceBytes));
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(NonceBytes, ExpiryBytes), expiresAt.ToUnixTimeSeconds());
        json.CopyTo(body.AsSpan(NonceBytes + ExpiryBytes));
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(await SealingKeyAsync(cancellationToken).ConfigureAwait(false), TagBytes))
        {
            var plain = body.AsSpan(NonceBytes);
            aes.Encrypt(body.AsSpan(0, NonceBytes), plain, plain, tag, Encoding.UTF8.GetBytes(purpose));
        }

        return Base64Url(body) + "." + Base64Url(tag);
    }

    /// <summary>
    /// The grant of a genuine, unexpired link of this purpose. Anything else is <see cref="LinkCheck.Invalid"/> (malformed,
    /// forged, altered, of another purpose) or, for a genuine link past its time, <see cref="LinkCheck.Expired"/>.
    /// </summary>
    public async Task<(TGrant? Grant, LinkCheck Check)> ReadAsync<TGrant>(string purpose, string? token,
        CancellationToken cancellationToken)
        where TGrant : class
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } body || FromBase64Url(parts[1]) is not { } tag)
        {
            return (null, LinkCheck.Invalid);
        }

        if (tag.Length == SignatureBytes)
        {
            return await ReadSignedFormAsync<TGrant>(purpose, parts[0], body, tag, cancellationToken).ConfigureAwait(false);
        }

        if (tag.Length != TagBytes || body.Length <= NonceBytes + ExpiryBytes)
        {
            return (null, LinkCheck.Invalid);
        }

        var plain = new byte[body.Length - NonceBytes];
        try
        {
            using var aes = new AesGcm(await SealingKeyAsync(cancellationToken).ConfigureAwait(false), TagBytes);
            aes.Decrypt(body.AsSpan(0, NonceBytes), body.AsSpan(NonceBytes), tag, plain, Encoding.UTF8.GetBytes(purpose));
        }
        catch (CryptographicException)
        {
            // Forged, altered, or sealed for another purpose: the tag does not match, and nothing was decrypted.
            return (null, LinkCheck.Invalid);
        }

        var expiresAt = BinaryPrimitives.ReadInt64BigEndian(plain);
        return Answer(Deserialize<TGrant>(plain.AsSpan(ExpiryBytes)), expiresAt);
    }

    /// <summary>What a genuine link of the right purpose answers: its grant until it expires.</summary>
    private (TGrant? Grant, LinkCheck Check) Answer<TGrant>(TGrant? grant, long expiresAt)
        where TGrant : class =>
        grant is null ? (null, LinkCheck.Invalid)
        : expiresAt <= time.GetUtcNow().ToUnixTimeSeconds() ? (null, LinkCheck.Expired)
        : (grant, LinkCheck.Valid);

    private static TGrant? Deserialize<TGrant>(ReadOnlySpan<byte> json)
        where TGrant : class
    {
        try
        {
            return JsonSerializer.Deserialize<TGrant>(json, DocumentStoreExtensions.DefaultJsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
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

    /// <summary>The AES-256 key links are sealed with, derived from the deployment's key.</summary>
    private Task<byte[]> SealingKeyAsync(CancellationToken cancellationToken) =>
        key.DeriveAsync(SealingLabel.ToArray(), cancellationToken);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The bytes of base64url text, or null unless the text is exactly what <see cref="Base64Url"/> makes of them (no
    /// padding, white space or stray low bits), so that one link has one spelling and any altered character is refused.
    /// </summary>
    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            var bytes = Convert.FromBase64String(padded);
            return string.Equals(Base64Url(bytes), text, StringComparison.Ordinal) ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

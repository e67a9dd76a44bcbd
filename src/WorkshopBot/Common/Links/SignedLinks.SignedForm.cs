using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Links;

/// <summary>
/// Reading links of the previous form, <c>base64url(JSON envelope) "." base64url(HMAC-SHA256)</c>: signed but readable,
/// so no longer issued. Links of that form already sent keep working until they expire, at most 24 hours after they
/// were issued (every link lifetime is capped at 24 hours). Remove this file, and the call to it in
/// <see cref="ReadAsync"/>, in any version released once this one has run everywhere for more than 24 hours.
/// </summary>
public sealed partial class SignedLinks
{
    private const int SignatureBytes = 32;

    private async Task<(TGrant? Grant, LinkCheck Check)> ReadSignedFormAsync<TGrant>(string purpose, string payloadText,
        byte[] payload, byte[] signature, CancellationToken cancellationToken)
        where TGrant : class
    {
        var secret = await key.SecretAsync(cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(payloadText)), signature))
        {
            return (null, LinkCheck.Invalid);
        }

        SignedEnvelope<TGrant>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<SignedEnvelope<TGrant>>(payload, DocumentStoreExtensions.DefaultJsonOptions);
        }
        catch (JsonException)
        {
            return (null, LinkCheck.Invalid);
        }

        return envelope is null || envelope.Purpose != purpose
            ? (null, LinkCheck.Invalid)
            : Answer(envelope.Grant, envelope.ExpiresAt);
    }

    private sealed record SignedEnvelope<TGrant>(string Purpose, long ExpiresAt, TGrant Grant);
}

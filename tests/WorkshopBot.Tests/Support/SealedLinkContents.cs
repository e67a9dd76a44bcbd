using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// What a sealed download link holds, opened the way SignedLinks documents its form (the store's generated key, HKDF-SHA256
/// with the sealing label, AES-256-GCM with the purpose as associated data): its expiry and its grant's JSON, byte for byte.
/// </summary>
internal static class SealedLinkContents
{
    public static async Task<(DateTimeOffset ExpiresAt, string GrantJson)> OpenAsync(IServiceProvider services, string purpose,
        string token)
    {
        var stored = await services.GetRequiredService<IDocumentStore>().GetAsync<string>("secrets", "link-signing-key");
        var sealingKey = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(stored!.Value), sealingKey, [],
            "WorkshopBot download links: AES-256-GCM sealing key, v1"u8);
        var parts = token.Split('.');
        var (body, tag) = (Decode(parts[0]), Decode(parts[1]));
        var plain = new byte[body.Length - 12];
        using (var aes = new AesGcm(sealingKey, 16))
        {
            aes.Decrypt(body.AsSpan(0, 12), body.AsSpan(12), tag, plain, Encoding.UTF8.GetBytes(purpose));
        }

        return (DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain)), Encoding.UTF8.GetString(plain.AsSpan(8)));
    }

    private static byte[] Decode(string text) => Convert.FromBase64String(
        text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}

/// <summary>
/// The export and briefing grants as builds before the grant lost its copy of the link's expiry sealed them, and as the
/// previous, readable form signed them. Links of these shapes were issued for at most 24 hours before the upgrade: these
/// records, and the tests that seal them, go when the [JsonUnmappedMemberHandling] attributes on ExportGrant and
/// DownloadGrant do.
/// </summary>
internal static class GrantsWithTheirOwnExpiry
{
    public sealed record ExportGrant(Guid AuditId, string Format, string UserId, DateTimeOffset ExpiresAt);

    public sealed record DownloadGrant(Guid AuditId, int Version, string Format, DateTimeOffset ExpiresAt, string UserKey);
}

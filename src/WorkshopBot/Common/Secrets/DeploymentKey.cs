using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Secrets;

/// <summary>
/// The deployment's one secret, from which each use derives its own key (HKDF-SHA256 with the use's label): download
/// links (<see cref="Links.SignedLinks"/>), the audit log's fingerprints (<see cref="LogFingerprints"/>) and safety alerts'
/// fingerprints of their details (<see cref="SafetyFingerprints"/>). It is
/// <c>WorkshopBot:LinkSigningKey</c> when configured (kept outside the store, e.g. in Key Vault, so a copy of the database
/// alone holds no key), or a key generated once into the store, shared by every instance that shares the store.
/// Configuring a new one rotates every derived key: old links stop working and new fingerprints no longer match old ones
/// (an open alert's details may then be told as changed once).
/// </summary>
public sealed class DeploymentKey(IDocumentStore documents, IOptions<WorkshopBotOptions> options)
{
    private const string SecretsCollection = "secrets";
    private const string KeyId = "link-signing-key";

    /// <summary>The secret itself, for the one use that predates derivation (links of the old signed form).</summary>
    public async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
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

    /// <summary>A 32-byte key for one use, named by <paramref name="label"/>; no two uses share a label.</summary>
    public async Task<byte[]> DeriveAsync(byte[] label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var secret = await SecretAsync(cancellationToken).ConfigureAwait(false);
        var derived = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, derived, [], label);
        return derived;
    }
}

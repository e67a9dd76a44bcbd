using System.Security.Cryptography;
using System.Text;

namespace WorkshopBot.Common.Secrets;

/// <summary>
/// Fingerprints of the safety details a representative typed, as an immediate-safety alert keeps them to tell whether the
/// details changed since it was sent (<c>SafetyEscalation.DetailsFingerprint</c>). A plain hash of a short text (a name, a
/// date of birth) could be reversed by trying guesses until it matched, so the hash is keyed: HMAC-SHA256 with a key derived
/// from the deployment's (<see cref="DeploymentKey"/>), under a label of its own. Alerts stored before this kept a plain
/// SHA-256 (64 hex digits, no prefix): see <c>SafetyEscalation.Changes.cs</c> for how they compare.
/// </summary>
public sealed class SafetyFingerprints(DeploymentKey key)
{
    /// <summary>What every keyed fingerprint starts with; a stored fingerprint without it is an old, unkeyed one.</summary>
    public const string Prefix = "hmac:";

    private static readonly byte[] Label = "WorkshopBot safety alerts: details HMAC-SHA256 fingerprint key, v1"u8.ToArray();

    private Func<string, string>? _of;

    /// <summary>The fingerprint function of this deployment: text in, keyed fingerprint out (same text, same fingerprint).</summary>
    public ValueTask<Func<string, string>> FunctionAsync(CancellationToken cancellationToken) =>
        _of is { } ready ? ValueTask.FromResult(ready) : new ValueTask<Func<string, string>>(LoadAsync(cancellationToken));

    /// <summary>The fingerprint of <paramref name="text"/> under <paramref name="hmacKey"/>.</summary>
    public static string Of(string text, byte[] hmacKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(text)));
    }

    private async Task<Func<string, string>> LoadAsync(CancellationToken cancellationToken)
    {
        var hmacKey = await key.DeriveAsync(Label, cancellationToken).ConfigureAwait(false);
        Func<string, string> of = text => Of(text, hmacKey);
        // Two turns may load it at once: both derive the same key, and either function serves.
        _of = of;
        return of;
    }
}

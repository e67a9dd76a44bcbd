using WorkshopBot.Common.Secrets;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// Fingerprints of the names of the Word files the bot puts in channels' Files, as an upload's intent keeps them
/// (<see cref="BriefingFiles.Intend"/>) to know the file again among the channel's files when its ids were never recorded.
/// The name carries the briefing's title, and a plain hash of it could be checked against guesses, so it is keyed:
/// HMAC-SHA256 under a key derived from the deployment's (<see cref="DeploymentKey"/>) with a label of its own, as the
/// safety alerts' fingerprints are (<see cref="SafetyFingerprints"/>). Names compare whatever their case, as SharePoint's do.
/// </summary>
public sealed class FileNameFingerprints(DeploymentKey key)
{
    private static readonly byte[] Label = "WorkshopBot briefing Word files: name HMAC-SHA256 fingerprint key, v1"u8.ToArray();

    private byte[]? _key;

    /// <summary>The fingerprint function of this deployment: a file name in, its keyed fingerprint out.</summary>
    public async ValueTask<Func<string, string>> FunctionAsync(CancellationToken cancellationToken)
    {
        // Two callers may derive it at once: both get the same key, and either serves.
        var hmacKey = _key ??= await key.DeriveAsync(Label, cancellationToken).ConfigureAwait(false);
        return name => SafetyFingerprints.Of(name.ToUpperInvariant(), hmacKey);
    }
}

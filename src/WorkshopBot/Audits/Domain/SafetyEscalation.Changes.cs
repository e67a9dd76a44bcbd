// The representative's later changes to the answer behind an alert: new details, a change to no, and yes again.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Secrets;

namespace WorkshopBot.Audits.Domain;

public sealed partial class SafetyEscalation
{
    /// <summary>Ends details cut to fit the alert: the whole concern is still in the return.</summary>
    public const string MoreInTheReturn = "\u2026 (more in the return)";

    /// <summary>
    /// A keyed fingerprint of the return's whole concern when it was last sent (<see cref="SafetyFingerprints"/>, given by the
    /// caller: the domain holds no key), so a change beyond the part the alert shows (the details are cut at
    /// <see cref="FreeText.DefaultMaxLength"/>) is still told as a change. Null when stored by an older version, or when the
    /// one stored was an old unkeyed SHA-256: that one is never written again (see <see cref="_plainFingerprint"/>).
    /// </summary>
    [JsonInclude]
    public string? DetailsFingerprint
    {
        get => _detailsFingerprint;
        private set
        {
            var keyed = value is null || value.StartsWith(SafetyFingerprints.Prefix, StringComparison.Ordinal);
            _detailsFingerprint = keyed ? value : null;
            _plainFingerprint = keyed ? null : value;
        }
    }

    private string? _detailsFingerprint;

    /// <summary>
    /// The unkeyed SHA-256 an alert stored before fingerprints were keyed, as read: compared as it was (so the chair is told
    /// of a change exactly as before, and never of one that did not happen), and dropped on the alert's next save, which
    /// writes the keyed fingerprint or none, so a plain hash of the details does not outlive the alert's next change.
    /// </summary>
    private string? _plainFingerprint;

    /// <summary>
    /// When the representative changed their answer to no; null when they have not, or answered yes again while the alert
    /// was open. An open alert stays open, and is re-sent, until acknowledged, marked as withdrawn; an acknowledged one keeps
    /// its acknowledgement, and whoever acknowledged it is told.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>How many times the representative changed their answer to no (before or after the alert was acknowledged).</summary>
    [JsonInclude]
    public int Withdrawals { get; private set; }

    /// <summary>How many times the representative answered yes again on this open alert after changing to no.</summary>
    [JsonInclude]
    public int Reraises { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>The representative changed their answer to no after the alert was acknowledged (someone may have acted on it).</summary>
    public bool IsWithdrawnAfterAcknowledgement => WithdrawnAt is { } withdrawn && AcknowledgedAt is { } acknowledged
        && withdrawn >= acknowledged;

    /// <summary>
    /// The return's concern as the alert shows it: cut to fit the limit, ending "… (more in the return)", when the safety
    /// narratives together are longer.
    /// </summary>
    public static string DetailsOf(AuditReturn auditReturn)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);

        // Each narrative is within the limit, but several safety questions answered yes together may not be: the alert
        // must still go, so the joined details are shortened rather than refused.
        return Cut(auditReturn.ImmediateConcernDetails ?? "Immediate concern recorded; no details given yet.", FreeText.DefaultMaxLength);
    }

    /// <summary>The text cut to <paramref name="max"/> characters, ending "… (more in the return)" when it was cut.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : TextCut.Prefix(text, max - MoreInTheReturn.Length).TrimEnd() + MoreInTheReturn;
    }

    /// <summary>
    /// The representative added to or changed the concern after the alert was raised: the alert carries it now. A change
    /// beyond the part the alert shows is a change all the same (the chair is told the details changed).
    /// </summary>
    public DomainResult UpdateDetails(AuditReturn auditReturn, Func<string, string> fingerprint)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (auditReturn.Id != ReturnId || !CarriesOtherDetailsThan(auditReturn, fingerprint))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The alert already carries these details.");
        }

        Details = FreeText.Normalise(DetailsOf(auditReturn));
        DetailsFingerprint = FingerprintOf(auditReturn, fingerprint);
        DetailsUpdates++;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// The representative changed their answer to no. The alert is not cancelled: marked as withdrawn by the representative
    /// at this moment, it stays open, and is re-sent, until the chair or named lead acknowledges it. The withdrawal is sent
    /// now, so its re-sends count from now. An alert already acknowledged is marked too (its acknowledgement stands):
    /// whoever acknowledged it may have acted on it, and is told.
    /// </summary>
    public DomainResult Withdraw(DateTimeOffset now)
    {
        if (IsWithdrawn)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert is already marked as withdrawn.");
        }

        if (!IsAcknowledged)
        {
            LastSentAt = now;
        }

        WithdrawnAt = now;
        Withdrawals++;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// The representative answered yes again while this alert for their return is open: the same alert carries the concern
    /// again (no second alert), with its details as they are now, and is no longer marked as withdrawn. It is sent now, so
    /// its re-sends count from now. An acknowledged alert is not reused: a new one is raised.
    /// </summary>
    public DomainResult Reraise(AuditReturn auditReturn, DateTimeOffset now, Func<string, string> fingerprint)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (auditReturn.Id != ReturnId || !auditReturn.HasImmediateConcern)
        {
            return DomainResult.NotAllowed("This return does not record an immediate concern for this alert.");
        }

        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert has been acknowledged; a new one is raised.");
        }

        if (CarriesOtherDetailsThan(auditReturn, fingerprint))
        {
            Details = FreeText.Normalise(DetailsOf(auditReturn));
            DetailsFingerprint = FingerprintOf(auditReturn, fingerprint);
            DetailsUpdates++;
        }

        WithdrawnAt = null;
        LastSentAt = now;
        Reraises++;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Whether the return's concern differs from the one the alert last carried. An alert stored by an older version compares
    /// as it did then: by the plain SHA-256 it kept, or without one by the details it shows (a cut concern counts as
    /// changed). Found the same, it is given the keyed fingerprint, written with its next save in place of the old one.
    /// </summary>
    private bool CarriesOtherDetailsThan(AuditReturn auditReturn, Func<string, string> fingerprint)
    {
        if (DetailsFingerprint is { } keyed)
        {
            return !string.Equals(keyed, FingerprintOf(auditReturn, fingerprint), StringComparison.Ordinal);
        }

        var changed = _plainFingerprint is { } plain
            ? !string.Equals(plain, PlainFingerprintOf(auditReturn.ImmediateConcernDetails), StringComparison.OrdinalIgnoreCase)
            : !string.Equals(FreeText.Normalise(DetailsOf(auditReturn)), Details, StringComparison.Ordinal)
                || (auditReturn.ImmediateConcernDetails?.Length ?? 0) > FreeText.DefaultMaxLength;
        if (!changed)
        {
            DetailsFingerprint = FingerprintOf(auditReturn, fingerprint);
        }

        return changed;
    }

    private static string FingerprintOf(AuditReturn auditReturn, Func<string, string> fingerprint) =>
        FingerprintOfText(auditReturn.ImmediateConcernDetails, fingerprint);

    /// <summary>The keyed fingerprint of the text as the alert compares it (normalised).</summary>
    private static string FingerprintOfText(string? text, Func<string, string> fingerprint) =>
        fingerprint(FreeText.Normalise(text ?? string.Empty));

    /// <summary>The unkeyed SHA-256 alerts stored before fingerprints were keyed, only to compare with one of those.</summary>
    private static string PlainFingerprintOf(string? text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(FreeText.Normalise(text ?? string.Empty))));
}

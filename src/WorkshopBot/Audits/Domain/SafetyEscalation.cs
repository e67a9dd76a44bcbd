using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// An immediate-safety alert from a return: routed to the audit chair and the agency's named lead at once,
/// re-sent until one of them acknowledges it, even after the representative changes their answer to no (nobody has yet
/// looked at what they first reported). Once acknowledged, its delivery to the others it went to is still checked (see
/// SafetyEscalation.Delivery.cs). The bot routes the alert; the referral itself is made in the agency's own system.
/// </summary>
public sealed partial class SafetyEscalation
{
    /// <summary>Unacknowledged alerts are re-sent after this long unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultResendAfter = TimeSpan.FromHours(1);

    [JsonConstructor]
    private SafetyEscalation()
    {
    }

    [JsonInclude]
    public Guid Id { get; private set; }

    /// <summary>The organisation this belongs to: only its people, in its turns, can find it (see DocumentChanges).</summary>
    [JsonInclude]
    public string? TenantId { get; private set; }

    [JsonInclude]
    public Guid AuditId { get; private set; }

    [JsonInclude]
    public Guid? ReturnId { get; private set; }

    [JsonInclude]
    public CaseReference CaseReference { get; private set; } = null!;

    [JsonInclude]
    public string AgencyId { get; private set; } = string.Empty;

    [JsonInclude]
    public string AgencyName { get; private set; } = string.Empty;

    [JsonInclude]
    public PersonRef RaisedBy { get; private set; } = null!;

    [JsonInclude]
    public string Details { get; private set; } = string.Empty;

    [JsonInclude]
    public DateTimeOffset RaisedAt { get; private set; }

    [JsonInclude]
    public IReadOnlyList<PersonRef> RoutedTo { get; private set; } = [];

    [JsonInclude]
    public PersonRef? AcknowledgedBy { get; private set; }

    [JsonInclude]
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    [JsonInclude]
    public TimeSpan ResendAfter { get; private set; }

    [JsonInclude]
    public DateTimeOffset LastSentAt { get; private set; }

    [JsonInclude]
    public int ResendCount { get; private set; }

    [JsonInclude]
    public int Version { get; private set; }

    /// <summary>How many times the representative changed the concern's details after raising it.</summary>
    [JsonInclude]
    public int DetailsUpdates { get; private set; }

    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>
    /// When the alert is next re-sent: never once acknowledged. A withdrawn one is still re-sent, marked withdrawn, counting
    /// from when its withdrawal was sent.
    /// </summary>
    public DateTimeOffset? NextResendAt => IsAcknowledged ? null : LastSentAt + ResendAfter;

    public bool IsResendDue(DateTimeOffset now) => NextResendAt is { } due && now >= due;

    /// <summary>Raises an alert for a case and agency, routed to the chair and the agency's named lead (if any, not the raiser).</summary>
    public static DomainResult<SafetyEscalation> Raise(
        Guid id, Audit audit, CaseReference caseReference, string agencyId, PersonRef raisedBy, string? details,
        DateTimeOffset now, TimeSpan? resendAfter = null, Guid? returnId = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(raisedBy);
        var agency = audit.FindAgency(agencyId);
        if (agency is null)
        {
            return Fail(DomainErrorKind.NotFound, $"There is no agency \"{agencyId}\" in this audit.");
        }

        if (audit.FindCase(caseReference) is null)
        {
            return Fail(DomainErrorKind.NotFound, $"Case {caseReference} is not in this audit.");
        }

        if (string.IsNullOrWhiteSpace(details))
        {
            return Fail(DomainErrorKind.Invalid, "Describe the concern so the chair and your named lead can act on it.");
        }

        var error = FreeText.Validate(details, "The concern");
        if (error is not null)
        {
            return Fail(DomainErrorKind.Invalid, error);
        }

        var interval = resendAfter ?? DefaultResendAfter;
        if (interval <= TimeSpan.Zero)
        {
            return Fail(DomainErrorKind.Invalid, "The re-send interval must be positive.");
        }

        var recipients = new List<PersonRef> { audit.Chair };
        if (agency.NamedLead is { } lead && !recipients.Any(r => r.IsSamePerson(lead)) && !lead.IsSamePerson(raisedBy))
        {
            recipients.Add(lead);
        }

        return DomainResult<SafetyEscalation>.Ok(new SafetyEscalation
        {
            Id = id,
            TenantId = audit.TenantId,
            AuditId = audit.Id,
            ReturnId = returnId,
            CaseReference = caseReference,
            AgencyId = agency.Id,
            AgencyName = agency.Name,
            RaisedBy = raisedBy,
            Details = FreeText.Normalise(details),
            RaisedAt = now,
            RoutedTo = recipients,
            ResendAfter = interval,
            LastSentAt = now,
            Version = 1,
        });
    }

    /// <summary>
    /// Raises an alert from a return whose immediate-safety question was answered yes. <paramref name="fingerprint"/> is the
    /// deployment's keyed fingerprint of text (<see cref="Common.Secrets.SafetyFingerprints"/>), for
    /// <see cref="DetailsFingerprint"/>.
    /// </summary>
    public static DomainResult<SafetyEscalation> RaiseFromReturn(
        Guid id, Audit audit, AuditReturn auditReturn, PersonRef raisedBy, DateTimeOffset now, Func<string, string> fingerprint,
        TimeSpan? resendAfter = null)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (!auditReturn.HasImmediateConcern)
        {
            return Fail(DomainErrorKind.NotAllowed, "This return does not record an immediate concern.");
        }

        var raised = Raise(id, audit, auditReturn.CaseReference, auditReturn.AgencyId, raisedBy, DetailsOf(auditReturn), now,
            resendAfter, auditReturn.Id);
        if (raised.Succeeded)
        {
            raised.Value!.DetailsFingerprint = FingerprintOf(auditReturn, fingerprint);
        }

        return raised;
    }

    /// <summary>What refuses the acknowledgement of an alert by the person who raised it.</summary>
    public const string OwnAlert = "You raised this alert, so someone else must acknowledge it: the audit chair, or your "
        + "agency's named lead if that is someone else. It keeps going to the chair until then.";

    /// <summary>
    /// Records who acknowledged the alert. Only a person it was routed to may acknowledge it, and never the person who raised
    /// it (as their agency's named lead, say), which would stop its re-sends to the chair unseen; unless they are the audit's
    /// chair (<paramref name="byChair"/>), whom the alert is for.
    /// </summary>
    public DomainResult Acknowledge(PersonRef by, DateTimeOffset now, bool byChair = false)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"{MarkdownText.Escape(AcknowledgedBy?.DisplayName)} already acknowledged this alert "
                + $"on {Moments.DateAndTime(AcknowledgedAt)}.");
        }

        if (IsRaisedBy(by) && !byChair)
        {
            return DomainResult.NotAllowed(OwnAlert);
        }

        if (!RoutedTo.Any(r => r.IsSamePerson(by)))
        {
            return DomainResult.NotAllowed("Only the audit chair or the agency's named lead can acknowledge this alert.");
        }

        AcknowledgedBy = by;
        AcknowledgedAt = now;
        WatchDeliveryAfterAcknowledgement(by);
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Routes the unacknowledged alert to its agency's named lead appointed since it was raised, so they can act on it and
    /// acknowledge it. <see cref="RoutedTo"/> keeps everyone it was ever routed to.
    /// </summary>
    public DomainResult RouteToNamedLead(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert has been acknowledged; it is not sent to anyone new.");
        }

        if (audit.Id != AuditId || audit.FindAgency(AgencyId)?.NamedLead is not { } lead)
        {
            return DomainResult.NotAllowed("This agency has no named lead in this audit.");
        }

        if (RoutedTo.Any(r => r.IsSamePerson(lead)))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The alert is already routed to the named lead.");
        }

        if (IsRaisedBy(lead))
        {
            return DomainResult.NotAllowed("The named lead raised this alert; it stays with the chair.");
        }

        RoutedTo = [.. RoutedTo, lead];
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>Records that the alert was sent again because nobody had acknowledged it.</summary>
    public DomainResult RecordResend(DateTimeOffset now)
    {
        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert has been acknowledged; it is not re-sent.");
        }

        if (!IsResendDue(now))
        {
            return DomainResult.NotAllowed($"The next re-send is due at {Moments.Time(NextResendAt)}.");
        }

        LastSentAt = now;
        ResendCount++;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>True when <paramref name="person"/> raised this alert.</summary>
    public bool IsRaisedBy(PersonRef person) => person is not null && RaisedBy.IsSamePerson(person);

    private static DomainResult<SafetyEscalation> Fail(DomainErrorKind kind, string message) =>
        DomainResult<SafetyEscalation>.Fail(kind, message);
}

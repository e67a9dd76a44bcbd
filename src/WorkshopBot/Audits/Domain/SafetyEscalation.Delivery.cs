// Whether the alert reached the people it went to. The representative is told when it did not. Once someone acknowledges
// it, its re-sends stop, but its delivery to everyone else it went to is still checked until they have it: when it never
// reached them (the chair removed the app, say), the representative and whoever acknowledged it are told, once each.
using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

public sealed partial class SafetyEscalation
{
    /// <summary>What the representative was told could not be delivered (see <see cref="RecordUndeliveredReported"/>).</summary>
    [JsonInclude]
    public IReadOnlyList<string> UndeliveredReported { get; private set; } = [];

    /// <summary>Named leads the chair has been told the bot could not reach with this alert (object ids), each told once.</summary>
    [JsonInclude]
    public IReadOnlyList<string> UnreachedLeadsReported { get; private set; } = [];

    /// <summary>
    /// True from the acknowledgement until the bot has found that everyone else the alert went to has it, or has told the
    /// representative and whoever acknowledged it who never got it. False for an alert acknowledged before this was kept:
    /// its messages may be gone from the outbox, and nobody is told anything about it now.
    /// </summary>
    [JsonInclude]
    public bool DeliveryWatched { get; private set; }

    /// <summary>The people whoever acknowledged the alert was told it never reached (object ids), each told once.</summary>
    [JsonInclude]
    public IReadOnlyList<string> AcknowledgerToldOf { get; private set; } = [];

    /// <summary>
    /// Records that the representative was told the alert could not be delivered: a mark for each person and message told
    /// of (the person's object id for the alert itself, with the update's key for an update; <c>SafetyAlerts.ReportMark</c>).
    /// </summary>
    public DomainResult RecordUndeliveredReported(IReadOnlyCollection<string> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var fresh = marks.Except(UndeliveredReported, StringComparer.OrdinalIgnoreCase).ToList();
        if (fresh.Count == 0)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The representative has already been told.");
        }

        UndeliveredReported = [.. UndeliveredReported, .. fresh];
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>Records that the chair was told the bot could not reach this named lead with the alert.</summary>
    public DomainResult RecordUnreachedLeadReported(PersonRef lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (UnreachedLeadsReported.Contains(lead.UserId, StringComparer.OrdinalIgnoreCase))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The chair has already been told.");
        }

        UnreachedLeadsReported = [.. UnreachedLeadsReported, lead.UserId];
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Records a check of the acknowledged alert's delivery: the representative told of <paramref name="marks"/> (as
    /// <see cref="RecordUndeliveredReported"/>), whoever acknowledged it told of <paramref name="acknowledgerTold"/> (object
    /// ids), and, when <paramref name="settled"/>, that everyone else has it or has been told of, so the checks end.
    /// Already done when nothing is new, or the checks have ended: another instance's pass got there first.
    /// </summary>
    public DomainResult RecordDeliveryChecked(IReadOnlyCollection<string> marks, IReadOnlyCollection<string> acknowledgerTold,
        bool settled)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(acknowledgerTold);
        var freshMarks = marks.Except(UndeliveredReported, StringComparer.OrdinalIgnoreCase).ToList();
        var freshTold = acknowledgerTold.Except(AcknowledgerToldOf, StringComparer.OrdinalIgnoreCase).ToList();
        if (!IsAcknowledged || !DeliveryWatched || (freshMarks.Count == 0 && freshTold.Count == 0 && !settled))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert's delivery has already been checked.");
        }

        UndeliveredReported = [.. UndeliveredReported, .. freshMarks];
        AcknowledgerToldOf = [.. AcknowledgerToldOf, .. freshTold];
        DeliveryWatched = !settled;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>On acknowledgement: its delivery is checked while it went to anyone but them and the representative.</summary>
    private void WatchDeliveryAfterAcknowledgement(PersonRef by) =>
        DeliveryWatched = RoutedTo.Any(p => !p.IsSamePerson(by) && !IsRaisedBy(p));
}

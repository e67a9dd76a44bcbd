using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>Who looks at the retention card: a partnership admin, or the chair held to the partnership's minimum period.</summary>
public sealed record RetentionViewer(bool Admin, int MinimumMonths, bool KeepPublishedBriefing);

/// <summary>The audit's retention period and legal hold, with what the purge removes.</summary>
public static class RetentionCard
{
    public static AdaptiveCard Retention(Audit audit, RetentionViewer viewer, string? message = null, Tone tone = Tone.Info)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(viewer);
        var retention = audit.Retention;
        var keepPublishedBriefing = viewer.KeepPublishedBriefing;
        var minimum = viewer.Admin ? RetentionPolicy.MinMonths : Math.Min(viewer.MinimumMonths, retention.RetainForMonthsAfterClosure);
        var due = retention.LegalHold ? "not while the legal hold is in place"
            : audit.PurgeDueAt is { } at ? Date(at)
            : $"{retention.RetainForMonthsAfterClosure} months after the audit is closed";
        var body = new List<CardElement>
        {
            Heading($"Retention: {Literal(audit.Title)}"),
            Subtle("How long this audit's data is kept after it is closed, and a legal hold that stops it being deleted."),
        };
        body.AddRange(Message(message, tone));
        body.Add(new FactSet
        {
            Facts =
            [
                new("Stage", audit.StageInWords),
                new("Closed", audit.ClosedAt is { } closed ? Date(closed) : "not yet"),
                new("Kept for", $"{retention.RetainForMonthsAfterClosure} months after closure"),
                new("Legal hold", !retention.LegalHold ? "no"
                    : retention.HeldByPartnership ? "yes, placed by the partnership: nothing is deleted"
                    : "yes: nothing is deleted"),
                new("Deleted on", due),
            ],
        });
        body.Add(Small("When the period has passed, a daily job deletes the returns and their narratives, safety alerts, the workshop "
            + "(ideas, votes, participants), the briefing's drafts"
            + (keepPublishedBriefing ? " (the published briefing is kept)" : " and the briefing")
            + ", and the audit itself. The audit log keeps a deletion entry: what was deleted, when and under which rule."));
        body.Add(new NumberInput
        {
            Id = "months",
            Label = viewer.Admin || minimum <= RetentionPolicy.MinMonths ? "Keep for this many months after closure"
                : $"Keep for this many months after closure (at least {viewer.MinimumMonths})",
            Min = minimum, Max = RetentionPolicy.MaxMonths,
            Value = retention.RetainForMonthsAfterClosure, Separator = true,
        });
        return new AdaptiveCard
        {
            FallbackText = $"Retention: {audit.Title}",
            Body = body,
            Actions = Actions(audit, viewer.Admin),
        };
    }

    // The chair is offered no release of a hold the partnership placed; an admin may take over a hold the chair placed.
    private static List<CardAction> Actions(Audit audit, bool admin)
    {
        var retention = audit.Retention;
        var actions = new List<CardAction> { Go(RetentionScreen.Save, new { auditId = audit.Id }, "Save retention", ActionStyle.Positive) };
        if (!retention.LegalHold)
        {
            actions.Add(Go(RetentionScreen.Hold, new LegalHoldData(audit.Id, true), "Place legal hold", ActionStyle.Destructive));
        }
        else if (admin || !retention.HeldByPartnership)
        {
            actions.Add(Go(RetentionScreen.Hold, new LegalHoldData(audit.Id, false), "Release legal hold"));
        }

        if (admin && retention.LegalHold && !retention.HeldByPartnership)
        {
            actions.Add(Go(RetentionScreen.Hold, new LegalHoldData(audit.Id, true), "Hold for the partnership"));
        }

        actions.Add(Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"));
        return actions;
    }
}

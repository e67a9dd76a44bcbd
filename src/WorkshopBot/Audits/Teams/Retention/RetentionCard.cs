using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The audit's retention period and legal hold, with what the purge removes.</summary>
public static class RetentionCard
{
    public static AdaptiveCard Retention(Audit audit, bool keepPublishedBriefing, string? message = null, Tone tone = Tone.Info)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var retention = audit.Retention;
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
                new("Legal hold", retention.LegalHold ? "yes: nothing is deleted" : "no"),
                new("Deleted on", due),
            ],
        });
        body.Add(Small("When the period has passed, a daily job deletes the returns and their narratives, safety alerts, the workshop "
            + "(ideas, votes, participants), the briefing's drafts"
            + (keepPublishedBriefing ? " (the published briefing is kept)" : " and the briefing")
            + ", and the audit itself. The audit log keeps a deletion entry: what was deleted, when and under which rule."));
        body.Add(new NumberInput
        {
            Id = "months", Label = "Keep for this many months after closure", Min = 1, Max = RetentionPolicy.MaxMonths,
            Value = retention.RetainForMonthsAfterClosure, Separator = true,
        });
        return new AdaptiveCard
        {
            FallbackText = $"Retention: {audit.Title}",
            Body = body,
            Actions =
            [
                Go(RetentionScreen.Save, new { auditId = audit.Id }, "Save retention", ActionStyle.Positive),
                retention.LegalHold
                    ? Go(RetentionScreen.Hold, new LegalHoldData(audit.Id, false), "Release legal hold")
                    : Go(RetentionScreen.Hold, new LegalHoldData(audit.Id, true), "Place legal hold", ActionStyle.Destructive),
                Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"),
            ],
        };
    }
}

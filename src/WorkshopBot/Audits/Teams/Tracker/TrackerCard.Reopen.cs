// The form that reopens a submitted return: the agency first, then its cases, so that it fits at the audit's limits.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

public static partial class TrackerCard
{
    /// <summary>The longest agency name the form shows (the tracker grid shows 40): enough to tell agencies apart.</summary>
    public const int ReopenAgencyNameLength = 60;

    /// <summary>
    /// The reopen form. One list of every submitted return would not fit Teams' 28 KB at the audit's limits (12 agencies x
    /// 15 cases, agency names of up to 150 characters), so it asks in two steps: which agency (at most
    /// <see cref="Audit.MaxAgencies"/> choices, names cut to <see cref="ReopenAgencyNameLength"/>), then which of that
    /// agency's submitted returns, by case (at most <see cref="Audit.MaxCases"/>), with the reason. With
    /// <paramref name="agencyId"/>, or when only one agency has a submitted return, it starts at the second step.
    /// </summary>
    public static AdaptiveCard ReopenForm(Audit audit, IReadOnlyList<AuditReturn> submitted, string? message = null,
        string? agencyId = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(submitted);
        var agencies = submitted.GroupBy(r => r.AgencyId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Name: audit.FindAgency(g.Key)?.Name ?? g.First().AgencyName, Count: g.Count()))
            .OrderBy(a => audit.Agencies.ToList().FindIndex(x => x.Id == a.Id))
            .ToList();
        var chosen = agencyId ?? (agencies.Count == 1 ? agencies[0].Id : null);
        var theirs = submitted.Where(r => r.AgencyId == chosen)
            .OrderBy(r => audit.Cases.ToList().FindIndex(c => c.Reference == r.CaseReference)).ToList();
        var body = new List<CardElement>
        {
            Heading("Reopen a submitted return"),
            Subtle("The representative is told, and the reason is kept with the return and in the audit log."),
        };
        body.AddRange(Message(message, Tone.Warning));
        var actions = new List<CardAction>();
        if (submitted.Count == 0)
        {
            body.Add(Small("No return has been submitted yet."));
        }
        else if (theirs.Count == 0)
        {
            body.Add(new ChoiceSetInput
            {
                Id = "agencyId", Label = "Agency", IsRequired = true, ErrorMessage = "Choose an agency.", Style = ChoiceInputStyle.Compact,
                Choices = agencies.Select(a => new Choice(
                    $"{Shorten(a.Name, ReopenAgencyNameLength)} ({Plural(a.Count, "submitted return")})", a.Id)).ToList(),
            });
            actions.Add(Go(TrackerScreen.ReopenForm, new AuditRefData(audit.Id), "Choose the case", ActionStyle.Positive));
        }
        else
        {
            var name = agencies.First(a => a.Id == chosen).Name;
            body.Add(new TextBlock($"Agency: {Literal(name, ReopenAgencyNameLength)}") { Wrap = true, Weight = TextWeight.Bolder });
            body.Add(new ChoiceSetInput
            {
                Id = "returnId", Label = "Case", IsRequired = true, ErrorMessage = "Choose a return.", Style = ChoiceInputStyle.Compact,
                Choices = theirs.Select(r => new Choice(r.CaseReference.Value, r.Id.ToString("D"))).ToList(),
            });
            body.Add(new TextInput
            {
                Id = "reason", Label = "Reason", IsRequired = true, ErrorMessage = "Give a reason.", IsMultiline = true, MaxLength = 1000,
            });
            actions.Add(Go(TrackerScreen.Reopen, new { auditId = audit.Id }, "Reopen the return", ActionStyle.Destructive));
            if (agencies.Count > 1)
            {
                actions.Add(Go(TrackerScreen.ReopenForm, new AuditRefData(audit.Id), "Choose another agency"));
            }
        }

        actions.Add(Go(TrackerScreen.Tracker, new AuditRefData(audit.Id), "Back to the tracker"));
        return new AdaptiveCard { FallbackText = "Reopen a return", Body = body, Actions = actions };
    }
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The agencies of an audit, and the form that picks an agency's people and cases.</summary>
public static class AgenciesCard
{
    /// <summary>The agencies, and while a draft the form that adds one, holding <paramref name="typed"/> after a refusal.</summary>
    public static AdaptiveCard Agencies(Audit audit, string? message = null, Tone tone = Tone.Info, AddAgencyData? typed = null)
    {
        var body = new List<CardElement>
        {
            Heading($"Agencies: {Literal(audit.Title)}"),
            Subtle("Each agency needs a representative from this team. The named lead (optional) also receives immediate-safety alerts."),
        };
        body.AddRange(Message(message, tone));
        foreach (var a in audit.Agencies)
        {
            body.Add(AgencyBlock(audit, a));
        }

        var cardActions = new List<CardAction>();
        if (audit.Status == AuditStatus.Draft)
        {
            body.Add(new ChoiceSetInput
            {
                Id = "agencyType", Label = "Agency type", Separator = true, Style = ChoiceInputStyle.Compact,
                Value = CardInput.Enum<AgencyType>(typed?.AgencyType)?.ToString() ?? AgencyType.ChildrensSocialCare.ToString(),
                Choices = AgencyTypes.All.Select(t => new Choice(t.DisplayName, t.Type.ToString())).ToList(),
            });
            body.Add(new TextInput
            {
                Id = "agencyName", Label = "Agency name", MaxLength = AuditAgency.MaxNameLength, Placeholder = "e.g. County Police",
                Value = Clip(typed?.AgencyName, AuditAgency.MaxNameLength),
            });
            cardActions.Add(Go(AgenciesScreen.AddAgency, new { auditId = audit.Id }, "Add agency", ActionStyle.Positive));
        }

        cardActions.Add(Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"));
        return new AdaptiveCard
        {
            FallbackText = "Agencies in the audit", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = cardActions,
        };
    }

    private static Container AgencyBlock(Audit audit, AuditAgency a)
    {
        var cases = a.AssignedCases is null ? "every case" : string.Join(", ", a.AssignedCases);
        var actions = new List<CardAction> { Go(AgenciesScreen.AgencyPeople, new AgencyRefData(audit.Id, a.Id),
            $"People and cases: {Shorten(a.Name, 40)}") };
        if (audit.Status == AuditStatus.Draft)
        {
            actions.Add(Go(AgenciesScreen.RemoveAgency, new AgencyRefData(audit.Id, a.Id), $"Remove {Shorten(a.Name, 40)}",
                ActionStyle.Destructive));
        }

        return new Container
        {
            Separator = true,
            Items =
            [
                new TextBlock($"{Literal(a.Name)} ({AgencyTypes.DisplayName(a.Type)})") { Weight = TextWeight.Bolder, Wrap = true },
                new FactSet
                {
                    Facts =
                    [
                        new("Representative", Literal(a.Representative?.DisplayName ?? "not chosen yet")),
                        new("Named lead", Literal(a.NamedLead?.DisplayName ?? "none")),
                        new("Returns on", cases),
                    ],
                },
                new ActionSet { Actions = actions },
            ],
        };
    }

    public static AdaptiveCard People(Audit audit, AuditAgency agency, IReadOnlyList<TeamMember> members, string? message = null)
    {
        var people = TeamRoster.Choices(members);
        var body = new List<CardElement>
        {
            Heading($"{Literal(agency.Name)}: people and cases"),
            Subtle("Choose people from this team. They receive the audit tool in their chat with WorkshopBot."),
        };
        body.AddRange(Message(message, Tone.Warning));
        body.AddRange(TeamRoster.PickerNotes(members.Count));

        body.Add(new ChoiceSetInput
        {
            Id = "representative", Label = "Representative", IsRequired = true, ErrorMessage = "Choose the representative.",
            Style = ChoiceInputStyle.Compact, Choices = people, Value = TeamsIdOf(members, agency.Representative),
        });
        body.Add(new ChoiceSetInput
        {
            Id = "namedLead", Label = "Named safeguarding lead (optional)", Style = ChoiceInputStyle.Compact, Choices = people,
            Value = TeamsIdOf(members, agency.NamedLead),
        });
        if (audit.Status == AuditStatus.Draft && audit.Cases.Count > 0)
        {
            body.Add(new ChoiceSetInput
            {
                Id = "assignedCases", Label = "Cases this agency returns on (none chosen = every case)", IsMultiSelect = true,
                Style = ChoiceInputStyle.Expanded,
                Value = agency.AssignedCases is null ? null : string.Join(",", agency.AssignedCases),
                Choices = audit.Cases.Select(c => new Choice($"{c.Reference} ({AgeBands.Label(c.AgeBand)})", c.Reference.Value)).ToList(),
            });
        }

        return new AdaptiveCard
        {
            FallbackText = $"People for {agency.Name}",
            Body = body,
            Actions =
            [
                Go(AgenciesScreen.SaveAgencyPeople, new { auditId = audit.Id, agencyId = agency.Id }, "Save", ActionStyle.Positive),
                Go(AgenciesScreen.Agencies, new AuditRefData(audit.Id), "Cancel"),
            ],
        };
    }

    private static string? TeamsIdOf(IReadOnlyList<TeamMember> members, PersonRef? person) =>
        members.FirstOrDefault(m => person?.IsSamePerson(new PersonRef(m.UserKey, m.Name)) == true)?.TeamsId;
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The cases of an audit, with the form that adds one.</summary>
public static class CasesCard
{
    public static AdaptiveCard Cases(Audit audit, string? message = null, Tone tone = Tone.Info, AddCaseData? input = null)
    {
        var body = new List<CardElement>
        {
            Heading($"Cases: {Literal(audit.Title)}"),
            Subtle("Pseudonymous references and age bands only. Never a name, date of birth or NHS number."),
        };
        body.AddRange(Message(message, tone));
        foreach (var c in audit.Cases)
        {
            body.Add(new ColumnSet
            {
                Separator = true,
                Columns =
                [
                    new Column
                    {
                        Width = ColumnWidth.Stretch,
                        Items = [new TextBlock($"{c.Reference} · {AgeBands.Label(c.AgeBand)}") { Wrap = true }],
                        VerticalContentAlignment = VerticalContentAlignment.Center,
                    },
                    new Column
                    {
                        Width = ColumnWidth.Auto,
                        Items = audit.Status == AuditStatus.Draft
                            ? [Buttons(Go(CasesScreen.RemoveCase, new CaseRefData(audit.Id, c.Reference.Value),
                                $"Remove case {c.Reference}", ActionStyle.Destructive))]
                            : [new TextBlock(" ")],
                    },
                ],
            });
        }

        if (audit.Cases.Count == 0)
        {
            body.Add(Small("No cases yet."));
        }

        body.Add(new TextInput
        {
            Id = "caseReference", Label = "Case reference", Placeholder = "e.g. NAI-2026-03-C2", MaxLength = CaseReference.MaxLength,
            Value = Clip(input?.CaseReference, CaseReference.MaxLength), Separator = true,
        });
        body.Add(new ChoiceSetInput
        {
            Id = "ageBand", Label = "Age band", Style = ChoiceInputStyle.Compact, Value = input?.AgeBand ?? AgeBands.All[0].Label,
            Choices = AgeBands.All.Select(a => new Choice(a.Label, a.Label)).ToList(),
        });
        return new AdaptiveCard
        {
            FallbackText = "Cases in the audit",
            Body = body,
            Actions =
            [
                Go(CasesScreen.AddCase, new { auditId = audit.Id }, "Add case", ActionStyle.Positive),
                Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"),
            ],
        };
    }
}

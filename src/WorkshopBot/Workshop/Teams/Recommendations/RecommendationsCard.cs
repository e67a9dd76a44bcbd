using System.Globalization;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The chair's list of recommendations with the form for one more, and the choice of workshop.</summary>
public static class RecommendationsCard
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The list so far (each with Remove) and the form; <paramref name="typed"/> keeps what the chair typed when it was
    /// refused or needs their confirmation.
    /// </summary>
    public static AdaptiveCard List(WorkshopSession session, DateOnly today, AddRecommendationData? typed = null,
        IReadOnlyList<FieldFinding>? findings = null, string? message = null, Tone tone = Tone.Warning)
    {
        ArgumentNullException.ThrowIfNull(session);
        var body = new List<CardElement>
        {
            CardKit.Heading("Recommendations"),
            CardKit.Subtle($"{Shown(session.AuditTitle, ShortLabel)} · what the partnership will do next. The briefing lists these "
                + "first, each with its owner and target; agencies' own recommendations from their returns follow."),
        };
        body.AddRange(CardKit.Message(message, tone));
        body.AddRange(CardKit.Findings(findings));
        if (session.Recommendations.Count == 0)
        {
            body.Add(CardKit.Small("No recommendations yet."));
        }

        var number = 1;
        foreach (var r in session.Recommendations)
        {
            body.Add(new TextBlock($"{number++}. {Shown(r.Text)}") { Wrap = true, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("Owner", r.OwnerName),
                    new Fact("Target", r.TargetDate.ToString("d MMMM yyyy", English)),
                    new Fact("Measure", Shown(r.Measure)),
                ],
            });
            body.Add(CardKit.Buttons(ExecuteAction.Create(RecommendationsScreen.Remove,
                new RemoveRecommendationData(session.Id, r.Id), "Remove") with { AssociatedInputs = AssociatedInputs.None }));
        }

        var actions = new List<CardAction>();
        if (session.Recommendations.Count < WorkshopSession.MaxRecommendations)
        {
            body.AddRange(Form(session, today, typed));
            actions.Add(ExecuteAction.Create(RecommendationsScreen.Add, new AddRecommendationData(session.Id), "Add recommendation")
                with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive });
            if (FreeTextCheck.MayConfirm(findings) && typed is not null)
            {
                actions.Add(ExecuteAction.Create(RecommendationsScreen.Add, typed with { ConfirmNotIdentifying = true },
                    "It is not identifying: confirm") with { AssociatedInputs = AssociatedInputs.Auto });
            }
        }

        return new AdaptiveCard { FallbackText = "Recommendations", Body = body, Actions = actions };
    }

    public static AdaptiveCard ChooseWorkshop(IReadOnlyList<WorkshopSession> sessions) => new()
    {
        FallbackText = "Choose the workshop",
        Body =
        [
            CardKit.Heading("Recommendations"),
            CardKit.Subtle("Choose the workshop to list recommendations for:"),
            .. sessions.Select(s => (CardElement)CardKit.Buttons(ExecuteAction.Create(RecommendationsScreen.List,
                new WorkshopRef(s.Id),
                $"{Label(s.AuditTitle, ShortLabel)} ({EnglandTime.DateOf(s.StartedAt).ToString("d MMM yyyy", English)})"))),
        ],
    };

    private static IEnumerable<CardElement> Form(WorkshopSession session, DateOnly today, AddRecommendationData? typed)
    {
        yield return new TextBlock("Add a recommendation") { Weight = TextWeight.Bolder, Separator = true, Wrap = true };
        yield return new TextInput
        {
            Id = CardKit.InputId(nameof(AddRecommendationData.Text)),
            Label = "What will change",
            Placeholder = "e.g. Share CP medical outcomes with the GP and health visitor within five working days",
            IsMultiline = true,
            MaxLength = WorkshopSession.MaxRecommendationLength,
            Value = CardKit.Clip(typed?.Text, WorkshopSession.MaxRecommendationLength),
        };
        yield return new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(AddRecommendationData.Owner)),
            Label = "Owner",
            Choices =
            [
                .. session.Agencies.Select(a => new Choice(Label(a.Name, ShortLabel), a.Id)),
                new Choice(WorkshopRecommendation.PartnershipOwnerName, WorkshopRecommendation.PartnershipOwnerId),
            ],
            // Only an owner on the list is chosen again: forged card data is not echoed into the card.
            Value = typed?.Owner is { } owner
                && (owner == WorkshopRecommendation.PartnershipOwnerId || session.Agencies.Any(a => a.Id == owner)) ? owner : null,
        };
        yield return new DateInput
        {
            Id = CardKit.InputId(nameof(AddRecommendationData.Target)),
            Label = "Target date",
            Min = today.AddDays(1),
            Max = today.AddMonths(WorkshopSession.MaxTargetMonths),
            Value = CardInput.Date(typed?.Target),
        };
        yield return new TextInput
        {
            Id = CardKit.InputId(nameof(AddRecommendationData.Measure)),
            Label = "Measure of success: how will the partnership know it worked?",
            IsMultiline = true,
            MaxLength = WorkshopSession.MaxMeasureLength,
            Value = CardKit.Clip(typed?.Measure, WorkshopSession.MaxMeasureLength),
        };
        yield return CardKit.Small("No names, dates of birth or case detail: the briefing goes to team channels.");
    }
}

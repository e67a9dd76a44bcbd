using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The review before submitting, the confirmation, the read-only return, and "my audits".</summary>
public static partial class ReturnsCard
{
    /// <summary>
    /// The summary before submitting: what is answered, what is missing with a button to the first of it (the step and page
    /// <see cref="ReturnSteps.NextToDo"/> finds, as "Continue" does), and the Submit button once nothing is.
    /// </summary>
    public static AdaptiveCard Review(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Warning) =>
        Fitting(NarrativeBytes, budget => Review(audit, ret, message, tone, budget));

    /// <summary>
    /// The bytes of narratives the review and the read-only return show, as the card carries them (<see cref="CardBytes"/>:
    /// an emoji takes 12 for its 2 characters, a Bengali letter 3); fewer when the card would not fit Teams' limit.
    /// </summary>
    private const int NarrativeBytes = 16_000;

    private static AdaptiveCard Review(Audit audit, AuditReturn ret, string? message, Tone tone, int budget)
    {
        var steps = ReturnSteps.Build(ret);
        var missing = ret.MissingForSubmission();
        var body = new List<CardElement>
        {
            Small($"{Literal(audit.Title)} · {Literal(ret.AgencyName)} · case {ret.CaseReference}"),
            Heading("Review your return"),
        };
        body.AddRange(Message(message, tone));
        body.Add(AnswerFacts(ret, steps, 160, budget));
        if (missing.Count > 0)
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Warning,
                Items =
                [
                    new TextBlock("Before you can submit") { Weight = TextWeight.Bolder },
                    .. missing.Select(m => new TextBlock("• " + Shorten(m, 400)) { Wrap = true, Size = TextSize.Small }),
                ],
            });
        }

        var actions = new List<CardAction>();
        if (missing.Count > 0)
        {
            // The step and page of the first line above, as "Continue" on the overview finds it.
            var (step, page) = ReturnSteps.NextToDo(ret, steps);
            actions.Add(Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, Math.Min(step, steps.Count - 1), page),
                "Go to the first thing missing", ActionStyle.Positive));
        }

        actions.Add(Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, 0), "Back to the first section"));
        if (missing.Count == 0)
        {
            actions.Add(Go(ReturnsScreen.ConfirmSubmit, new SubmitReturnData(audit.Id, ret.Id, ret.Version), "Submit return",
                ActionStyle.Positive));
        }

        return new AdaptiveCard
        {
            FallbackText = "Review your return", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions,
        };
    }

    public static AdaptiveCard ConfirmSubmit(Audit audit, AuditReturn ret) => new()
    {
        FallbackText = "Confirm submission",
        Body =
        [
            Heading("Submit this return?"),
            Banner($"Once submitted, your return for case {ret.CaseReference} is locked and read-only. Only the chair can reopen it.",
                Tone.Warning),
            new FactSet
            {
                Facts = [new("Grade", ret.Grade?.Label ?? "none"), new("Immediate concern", ret.HasImmediateConcern ? "Yes" : "No")],
            },
        ],
        Actions =
        [
            Go(ReturnsScreen.Submit, new SubmitReturnData(audit.Id, ret.Id, ret.Version), "Yes, submit", ActionStyle.Positive),
            Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, ReturnSteps.Build(ret).Count), "Not yet"),
        ],
    };

    public static AdaptiveCard ReadOnly(Audit audit, AuditReturn ret, string? message = null, Tone tone = Tone.Success,
        IReadOnlyList<UnsavedText>? unsaved = null) =>
        Fitting(NarrativeBytes, budget => ReadOnly(audit, ret, message, tone, unsaved, budget));

    private static AdaptiveCard ReadOnly(Audit audit, AuditReturn ret, string? message, Tone tone, IReadOnlyList<UnsavedText>? unsaved,
        int budget)
    {
        var body = new List<CardElement>
        {
            Heading($"Submitted: case {ret.CaseReference}"),
            Subtle($"{Literal(ret.AgencyName)} · submitted by {Literal(ret.SubmittedBy?.DisplayName)} on {DateTime(ret.SubmittedAt)} "
                + "· read-only"),
        };
        body.AddRange(Message(message, tone));
        body.AddRange(NotSaved(unsaved, KeepForReopening));
        body.Add(AnswerFacts(ret, ReturnSteps.Build(ret), 200, budget));
        body.Add(Small("Narratives are shortened here; the chair's export holds the full text."));
        return new AdaptiveCard
        {
            FallbackText = $"Submitted return for case {ret.CaseReference}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions =
            [
                new ShowCardAction
                {
                    Title = "Ask the chair to reopen",
                    Card = new AdaptiveCard
                    {
                        Schema = null,
                        Body =
                        [
                            new TextInput
                            {
                                Id = "reason", Label = "What needs correcting?", IsRequired = true,
                                ErrorMessage = "Say what needs correcting.", IsMultiline = true, MaxLength = 1000,
                            },
                        ],
                        Actions = [Go(ReturnsScreen.AskReopen, new { auditId = audit.Id, returnId = ret.Id }, "Send to the chair")],
                    },
                },
            ],
        };
    }

    private static Container AnswerFacts(AuditReturn ret, IReadOnlyList<ReturnStep> steps, int narrativeMax, int budget)
    {
        var items = new List<CardElement>();
        foreach (var step in steps)
        {
            if (step.IsSummary)
            {
                var facts = new List<Fact>
                {
                    new("Good practice", Literal(ret.GoodPractice ?? "-", narrativeMax)),
                    new("Development", Literal(ret.AreasForDevelopment ?? "-", narrativeMax)),
                    new("Recommendations", Literal(ret.Recommendations ?? "-", narrativeMax)),
                    new("Grade", ret.Grade?.Label ?? "not chosen"),
                };
                items.Add(Subheading(Literal(step.Title)));
                items.Add(new FactSet { Facts = facts });
                budget -= facts.Sum(f => CardBytes.Of(f.Value));
                continue;
            }

            items.Add(Subheading(Literal(step.Title)));
            var answers = step.Section!.Questions.Select(q =>
            {
                var a = ret.AnswerTo(q.Id);
                var narrative = budget > 0 && a?.Narrative is { } n ? ": " + Literal(n, narrativeMax) : string.Empty;
                budget -= CardBytes.Of(narrative) + 40;
                return new Fact(ret.NumberOf(q.Id), AnswerLabel(a?.Value) + narrative);
            }).ToList();
            items.Add(new FactSet { Facts = answers });
        }

        return new Container { Items = items };
    }

    /// <summary>The most tools "my audits" lists on one card.</summary>
    public const int MyAuditsShown = 25;

    /// <summary>
    /// "my audits": the tools still to do first (soonest due first), then submitted ones, then those of closed audits (kept
    /// until retention purges them), so a representative with more than <see cref="MyAuditsShown"/> still finds the open
    /// ones; the card says how many it leaves out.
    /// </summary>
    public static AdaptiveCard MyAudits(IReadOnlyList<(Audit Audit, AuditReturn Return)> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var ordered = returns
            .OrderBy(x => x.Audit.Status == AuditStatus.Closed)
            .ThenBy(x => x.Return.IsReadOnly)
            .ThenBy(x => x.Audit.ReturnsDueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(x => x.Audit.Title, StringComparer.Ordinal)
            .ThenBy(x => x.Return.CaseReference.Value, StringComparer.Ordinal)
            .ToList();
        var hidden = ordered.Count - MyAuditsShown;
        return new AdaptiveCard
        {
            FallbackText = "Your audit tools",
            MsTeams = TeamsCardProperties.FullWidth,
            Body =
            [
                Heading("Your audit tools"),
                .. returns.Count == 0 ? [Subtle("No audit tools are assigned to you.")] : Array.Empty<CardElement>(),
                .. ordered.Take(MyAuditsShown).Select(x => MyAudit(x.Audit, x.Return)),
                .. hidden > 0
                    ? [Small($"{hidden} more not shown: tools still to do are listed first, then submitted ones, then closed audits.")]
                    : Array.Empty<CardElement>(),
            ],
        };
    }

    private static ColumnSet MyAudit(Audit audit, AuditReturn ret) => new()
    {
        Separator = true,
        Columns =
        [
            new Column
            {
                Width = ColumnWidth.Stretch,
                Items =
                [
                    new TextBlock($"{Literal(audit.Title)}: case {ret.CaseReference}") { Wrap = true, Weight = TextWeight.Bolder },
                    new TextBlock($"{Literal(ret.AgencyName)} · {StatusText(ret)} · due {Date(audit.ReturnsDueAt)}"
                        + (audit.Status == AuditStatus.Closed ? " · audit closed" : string.Empty))
                    {
                        Wrap = true,
                        Size = TextSize.Small,
                        Color = ret.IsReadOnly ? TextColor.Good : ret.Status == ReturnStatus.Draft ? TextColor.Warning : TextColor.Default,
                        Spacing = Spacing.None,
                    },
                ],
            },
            new Column
            {
                Width = ColumnWidth.Auto,
                VerticalContentAlignment = VerticalContentAlignment.Center,
                // The case in the title: a screen reader reads the button alone, and a list of "Open" tells nothing apart.
                Items = [Buttons(Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1),
                    $"{(ret.IsReadOnly ? "View" : "Open")} case {ret.CaseReference}"))],
            },
        ],
    };

    private static string StatusText(AuditReturn ret) => ret.Status switch
    {
        ReturnStatus.Submitted => "submitted",
        ReturnStatus.Draft => "draft",
        _ => "not started",
    };
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The chair's cards while composing: the audit picker, the preview of the latest version, and a box's edit form.</summary>
public static class ComposeCard
{
    public static AdaptiveCard AuditPicker(IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = "Choose the audit to brief on",
        Body =
        [
            new TextBlock
            {
                Text = "7-minute briefing", Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true, Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = audits.Count == 0
                    ? "You do not chair any audit that has been issued yet."
                    : "Choose the audit to compose or review the briefing for:",
                Wrap = true,
            },
            .. audits.Take(20).Select(a => (CardElement)new ActionSet
            {
                Actions = [ExecuteAction.Create(ComposeScreen.Open, new OpenBriefingData(a.Id), $"{a.Title} ({a.StageInWords})")],
            }),
        ],
    };

    /// <summary>Each step shortens the preview's texts further, until it fits Teams' card limit.</summary>
    private static readonly int[] ShortenSteps = [600, 300, 160, 80, 40];

    /// <summary>
    /// The chair's preview: every box with Edit and Regenerate, then approve / publish / track / export; no Publish while the
    /// approved version is withdrawn (a corrected version is approved first). Within Teams' card limit by construction: a
    /// briefing whose long words or emoji would take the preview past it (with its buttons it is larger than the channel's
    /// card) is shown with each text shortened, and says so, so the chair can always act on it.
    /// </summary>
    public static AdaptiveCard Preview(BriefingRecord record, string? notice = null, IdentifierCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var card = Preview(record, notice, check, null);
        foreach (var step in ShortenSteps)
        {
            if (CardKit.Fits(card))
            {
                break;
            }

            card = Preview(record, notice, check, step);
        }

        return card;
    }

    /// <summary>The note a shortened preview carries.</summary>
    public const string ShortenedNote = "This briefing is too large for Teams to show in full here, so its longest texts are shortened "
        + "(marked \u2026). Press Edit on a box to read all of it.";

    private static AdaptiveCard Preview(BriefingRecord record, string? notice, IdentifierCheck? check, int? shortenTo)
    {
        var latest = record.Latest;
        var briefing = latest.Content;
        var auditId = briefing.AuditId;
        var status = record.IsLatestApproved
            ? $"Version {latest.Number} approved by {MarkdownText.Escape(record.ApprovedBy?.DisplayName)} "
              + $"on {Moments.Day(record.ApprovedAt)}."
            : record.ApprovedVersion is { } approved
                ? $"Version {latest.Number} (draft). Version {approved} is the approved one."
                : $"Version {latest.Number} (draft, not approved yet).";
        var body = new List<CardElement>
        {
            new TextBlock
            {
                Text = MarkdownText.Escape(briefing.Title), Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = $"{status} {briefing.WordCount} of {Briefing.MaxWords} words. "
                    + $"Last change: {latest.Change} ({MarkdownText.Escape(latest.By.DisplayName)}).",
                Wrap = true,
                IsSubtle = true,
                Size = TextSize.Small,
            },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Accent });
        }

        if (shortenTo is not null)
        {
            body.Add(new TextBlock { Text = ShortenedNote, Wrap = true, Color = TextColor.Warning });
        }

        var withdrawn = record.ApprovedVersion is { } published ? record.WithdrawalOf(published) : null;
        if (withdrawn is not null)
        {
            body.Add(new TextBlock
            {
                Text = $"Version {record.ApprovedVersion} was withdrawn on {Moments.Day(withdrawn.At)}. To publish a corrected briefing, "
                    + "edit it, approve the new version and publish that.",
                Wrap = true,
                Color = TextColor.Warning,
            });
        }

        if (check is { HasFindings: true })
        {
            body.Add(new TextBlock { Text = $"Check for personal information: {check.Summary}", Wrap = true, Color = TextColor.Warning });
        }

        foreach (var box in briefing.Boxes)
        {
            body.AddRange(Box(briefing, box, chart: false, shortenTo));
            body.Add(new ActionSet
            {
                Actions =
                [
                    ExecuteAction.Create(ComposeScreen.EditForm, new EditFormData(auditId, latest.Number, box.Kind), $"Edit {box.Title}"),
                    ExecuteAction.Create(ComposeScreen.Regenerate, new RegenerateData(auditId, latest.Number, box.Kind),
                        $"Regenerate {box.Title}"),
                ],
            });
        }

        // Before it is published the preview says so (or the day it was approved), not the day it was composed.
        body.AddRange(Footer(briefing.Footer, record.DatesOf(latest.Number)));
        var actions = new List<CardAction>
        {
            ExecuteAction.Create(ComposeScreen.Regenerate, new RegenerateData(auditId, latest.Number, null), "Regenerate all"),
        };
        if (!record.IsLatestApproved)
        {
            actions.Add(ExecuteAction.Create(ComposeScreen.Approve, new ApproveData(auditId, latest.Number), "Approve")
                with { Style = ActionStyle.Positive });
        }

        if (record.ApprovedVersion is not null)
        {
            if (withdrawn is null)
            {
                actions.Add(ExecuteAction.Create(PublishScreen.ChooseChannels, new ChooseChannelsData(auditId), "Publish"));
            }

            actions.Add(ExecuteAction.Create(DiscussionScreen.Usage, new UsageData(auditId), "Track use"));
            // Only the approved version is exported: a document for intranet pages and email is a publication too.
            actions.Add(ExecuteAction.Create(ExportScreen.Export, new ExportData(auditId), "Export"));
        }

        return new AdaptiveCard { FallbackText = briefing.Title, MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    /// <summary>
    /// A box's edit form: the box as it is, or, after a refused save, what the chair typed (<paramref name="typed"/>) with
    /// why it was not saved (<paramref name="notSaved"/>), so nothing typed is lost.
    /// </summary>
    public static AdaptiveCard EditForm(Briefing briefing, int version, BriefingBoxKind kind, EditSaveData? typed = null,
        string? notSaved = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var box = briefing.Box(kind);
        var body = new List<CardElement>
        {
            new TextBlock
            {
                Text = $"Edit: {box.Title}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = "No names, dates of birth, addresses or case references: the briefing goes to team channels.",
                Wrap = true,
                Size = TextSize.Small,
                Color = TextColor.Attention,
            },
        };
        if (notSaved is not null)
        {
            body.Add(new TextBlock { Text = notSaved, Wrap = true, Color = TextColor.Warning });
        }

        body.AddRange(
        [
            new TextInput
            {
                Id = CardKit.InputId(nameof(EditSaveData.Lead)),
                Label = "Opening sentence",
                Value = typed is null ? box.Lead : CardKit.Clip(typed.Lead, 1000),
                IsMultiline = true,
                MaxLength = 1000,
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(EditSaveData.Points)),
                Label = "Points (one per line)",
                Value = typed is null ? string.Join("\n", box.Points) : CardKit.Clip(typed.Points, 4000),
                IsMultiline = true,
                MaxLength = 4000,
            },
        ]);
        if (kind == BriefingBoxKind.DoNow)
        {
            body.Add(new TextInput
            {
                Id = CardKit.InputId(nameof(EditSaveData.Questions)),
                Label = "Questions for the team (one per line, three or four)",
                Value = typed is null ? string.Join("\n", box.Questions) : CardKit.Clip(typed.Questions, 2000),
                IsMultiline = true,
                MaxLength = 2000,
            });
        }

        return new AdaptiveCard
        {
            FallbackText = $"Edit {box.Title}",
            Body = body,
            Actions =
            [
                ExecuteAction.Create(ComposeScreen.EditSave, new EditSaveData(briefing.AuditId, version, kind, null, null, null),
                    "Save") with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(ComposeScreen.Open, new OpenBriefingData(briefing.AuditId), "Cancel")
                    with { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }
}

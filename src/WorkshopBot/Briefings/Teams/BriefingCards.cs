using System.Globalization;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Teams;

/// <summary>One channel's line on the publish result card.</summary>
public sealed record PublishOutcome(string ChannelId, string ChannelName, bool Posted, bool AlreadyPosted, FileUploadState Upload, string? FileUrl, string? UploadError);

/// <summary>One channel's line on the usage card.</summary>
public sealed record ChannelUsage(ChannelPublication Publication, IReadOnlyList<TeamDiscussion> Discussions);

/// <summary>Every card of the briefing feature.</summary>
public static class BriefingCards
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    // Rough JSON cost of list lines, for keeping cards with one line per channel under the 28 KB limit.
    private const int ListBudget = 18_000;
    private const int ElementOverhead = 120;
    private const int RetryActionOverhead = 320;

    public static AdaptiveCard Message(string title, string text, Guid? auditId = null) => new()
    {
        FallbackText = $"{title}: {text}",
        Body =
        [
            new TextBlock { Text = title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = text, Wrap = true },
        ],
        Actions = auditId is { } id ? [ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(id), "Back to the briefing")] : null,
    };

    public static AdaptiveCard AuditPicker(IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = "Choose the audit to brief on",
        Body =
        [
            new TextBlock { Text = "7-minute briefing", Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = audits.Count == 0 ? "You do not chair any audit that has been issued yet." : "Choose the audit to compose or review the briefing for:",
                Wrap = true,
            },
            .. audits.Take(20).Select(a => (CardElement)new ActionSet
            {
                Actions = [ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(a.Id), $"{a.Title} ({a.Status})")],
            }),
        ],
    };

    /// <summary>The chair's preview: every box with Edit and Regenerate, then approve / publish / track / export.</summary>
    public static AdaptiveCard Preview(BriefingRecord record, string? notice = null, IdentifierCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var latest = record.Latest;
        var briefing = latest.Content;
        var status = record.IsLatestApproved
            ? $"Version {latest.Number} approved by {record.ApprovedBy?.DisplayName} on {record.ApprovedAt?.ToString("d MMMM yyyy", English)}."
            : record.ApprovedVersion is { } approved
                ? $"Version {latest.Number} (draft). Version {approved} is the approved one."
                : $"Version {latest.Number} (draft, not approved yet).";
        var body = new List<CardElement>
        {
            new TextBlock { Text = briefing.Title, Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = $"{status} {briefing.WordCount} of {Briefing.MaxWords} words. Last change: {latest.Change} ({latest.By.DisplayName}).", Wrap = true, IsSubtle = true, Size = TextSize.Small },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Accent });
        }

        if (check is { HasFindings: true })
        {
            body.Add(new TextBlock { Text = $"Identifier check: {check.Summary}", Wrap = true, Color = TextColor.Attention });
        }

        foreach (var box in briefing.Boxes)
        {
            body.AddRange(BoxElements(briefing, box, chart: false));
            body.Add(new ActionSet
            {
                Actions =
                [
                    ExecuteAction.Create(BriefingVerbs.EditForm, new EditFormData(briefing.AuditId, latest.Number, box.Kind), "Edit"),
                    ExecuteAction.Create(BriefingVerbs.Regenerate, new RegenerateData(briefing.AuditId, latest.Number, box.Kind), "Regenerate"),
                ],
            });
        }

        body.AddRange(FooterElements(briefing.Footer));
        var actions = new List<CardAction>
        {
            ExecuteAction.Create(BriefingVerbs.Regenerate, new RegenerateData(briefing.AuditId, latest.Number, null), "Regenerate all"),
        };
        if (!record.IsLatestApproved)
        {
            actions.Add(ExecuteAction.Create(BriefingVerbs.Approve, new ApproveData(briefing.AuditId, latest.Number), "Approve") with { Style = ActionStyle.Positive });
        }

        if (record.ApprovedVersion is not null)
        {
            actions.Add(ExecuteAction.Create(BriefingVerbs.ChooseChannels, new ChooseChannelsData(briefing.AuditId), "Publish"));
            actions.Add(ExecuteAction.Create(BriefingVerbs.Usage, new UsageData(briefing.AuditId), "Track use"));
        }

        actions.Add(ExecuteAction.Create(BriefingVerbs.Export, new ExportData(briefing.AuditId), "Export"));
        return new AdaptiveCard { FallbackText = briefing.Title, MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    public static AdaptiveCard EditForm(Briefing briefing, int version, BriefingBoxKind kind)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var box = briefing.Box(kind);
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Edit: {box.Title}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = "No names, dates of birth, addresses or case references: the briefing goes to team channels.", Wrap = true, Size = TextSize.Small, Color = TextColor.Attention },
            new TextInput { Id = "lead", Label = "Opening sentence", Value = box.Lead, IsMultiline = true, MaxLength = 1000 },
            new TextInput { Id = "points", Label = "Points (one per line)", Value = string.Join("\n", box.Points), IsMultiline = true, MaxLength = 4000 },
        };
        if (kind == BriefingBoxKind.DoNow)
        {
            body.Add(new TextInput { Id = "questions", Label = "Questions for the team (one per line, three or four)", Value = string.Join("\n", box.Questions), IsMultiline = true, MaxLength = 2000 });
        }

        return new AdaptiveCard
        {
            FallbackText = $"Edit {box.Title}",
            Body = body,
            Actions =
            [
                ExecuteAction.Create(BriefingVerbs.EditSave, new EditFormData(briefing.AuditId, version, kind), "Save") with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(briefing.AuditId), "Cancel") with { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }

    public static AdaptiveCard ChooseChannels(Guid auditId, int version, IReadOnlyList<(string Id, string Name)> channels) => new()
    {
        FallbackText = "Choose channels to publish the briefing to",
        Body =
        [
            new TextBlock { Text = $"Publish version {version}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
            channels.Count == 0
                ? new TextBlock { Text = "The bot is not installed in any team channel yet. Add it to a team, then try again.", Wrap = true }
                : new ChoiceSetInput
                {
                    Id = "channels",
                    Label = "Channels (each gets a new thread)",
                    IsMultiSelect = true,
                    Style = ChoiceInputStyle.Expanded,
                    IsRequired = true,
                    ErrorMessage = "Choose at least one channel.",
                    Choices = channels.Take(100).Select(c => new Choice(c.Name, c.Id)).ToList(),
                },
        ],
        Actions = channels.Count == 0
            ? [ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back")]
            : [
                ExecuteAction.Create(BriefingVerbs.Publish, new PublishData(auditId, version, null), "Publish") with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back") with { AssociatedInputs = AssociatedInputs.None },
            ],
    };

    public static AdaptiveCard PublishResult(Guid auditId, int version, IReadOnlyList<PublishOutcome> outcomes, IReadOnlyList<string> unknownChannels)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Briefing version {version}: publishing", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
        };
        var actions = new List<CardAction>();
        var budget = ListBudget;
        var notShown = new List<PublishOutcome>();
        foreach (var outcome in outcomes)
        {
            // Past the budget the rest are summed up in one line, so publishing to many channels still fits 28 KB.
            if (budget <= 0)
            {
                notShown.Add(outcome);
                continue;
            }

            var line = outcome.AlreadyPosted ? "already posted earlier; not posted again." : "queued as a new thread.";
            var file = outcome.Upload switch
            {
                FileUploadState.Uploaded => " The DOCX is in the channel's Files.",
                FileUploadState.Failed => $" The DOCX upload failed: {outcome.UploadError} The briefing is posted without the file link.",
                _ => string.Empty,
            };
            var text = $"{outcome.ChannelName}: {line}{file}";
            budget -= text.Length + ElementOverhead;
            body.Add(new TextBlock { Text = text, Wrap = true, Color = outcome.Upload == FileUploadState.Failed ? TextColor.Warning : null });
            if (outcome.Upload == FileUploadState.Failed)
            {
                budget -= outcome.ChannelId.Length + RetryActionOverhead;
                // Next to its channel: a card allows only a few top-level actions.
                body.Add(new ActionSet { Actions = [ExecuteAction.Create(BriefingVerbs.RetryUpload, new RetryUploadData(auditId, version, outcome.ChannelId), $"Retry upload: {Shorten(outcome.ChannelName)}")] });
            }
        }

        if (notShown.Count > 0)
        {
            var failed = notShown.Count(o => o.Upload == FileUploadState.Failed);
            body.Add(new TextBlock
            {
                Text = $"{notShown.Count} more channel(s): {notShown.Count(o => !o.AlreadyPosted)} queued as a new thread, {notShown.Count(o => o.AlreadyPosted)} already posted earlier."
                    + (failed > 0 ? $" The DOCX upload failed for {failed} of them; retry the uploads shown above, then choose Publish again for the same channels to see the rest." : string.Empty),
                Wrap = true,
                Color = failed > 0 ? TextColor.Warning : null,
            });
        }

        if (unknownChannels.Count > 0)
        {
            body.Add(new TextBlock { Text = $"{unknownChannels.Count} chosen channel(s) are no longer available to the bot and were skipped.", Wrap = true, Color = TextColor.Warning });
        }

        actions.Add(ExecuteAction.Create(BriefingVerbs.Usage, new UsageData(auditId), "Track use"));
        actions.Add(ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back to the briefing"));
        return new AdaptiveCard { FallbackText = "Briefing published", Body = body, Actions = actions };
    }

    /// <summary>The card a channel sees: the briefing, a chart, the questions and "Our team discussed this".</summary>
    public static AdaptiveCard Posted(Briefing briefing, int version, string channelId, string? fileUrl, string? recordedNote = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var body = new List<CardElement>
        {
            new TextBlock { Text = briefing.Title, Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = "Read it aloud at your next team meeting (about seven minutes), then discuss the questions at the end.", Wrap = true, IsSubtle = true },
        };
        foreach (var box in briefing.Boxes)
        {
            body.AddRange(BoxElements(briefing, box, chart: true));
        }

        body.AddRange(FooterElements(briefing.Footer));
        if (recordedNote is not null)
        {
            body.Add(new TextBlock { Text = recordedNote, Wrap = true, Color = TextColor.Good });
        }

        var actions = new List<CardAction>
        {
            ExecuteAction.Create(BriefingVerbs.DiscussionForm, new DiscussionFormData(briefing.AuditId, version, channelId), "Our team discussed this") with { Style = ActionStyle.Positive },
        };
        if (fileUrl is not null && Uri.TryCreate(fileUrl, UriKind.Absolute, out var url))
        {
            actions.Add(new OpenUrlAction(url, "Open the Word version"));
        }

        return new AdaptiveCard { FallbackText = briefing.Title, MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    public static AdaptiveCard Reminder(Briefing briefing, int version, string channelId) => new()
    {
        FallbackText = $"Reminder: {briefing.Title}",
        Body =
        [
            new TextBlock { Text = $"Reminder: {briefing.Title}", Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = "No team has recorded a discussion of this briefing in this channel yet. When your team has discussed it, please record it.", Wrap = true },
            .. briefing.DiscussionQuestions.Select(q => (CardElement)new TextBlock { Text = "- " + q, Wrap = true }),
        ],
        Actions = [ExecuteAction.Create(BriefingVerbs.DiscussionForm, new DiscussionFormData(briefing.AuditId, version, channelId), "Our team discussed this")],
    };

    public static AdaptiveCard DiscussionForm(Briefing briefing, int version, string channelId, DateOnly today, DiscussionSaveData? previous = null, IdentifierCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        List<CardElement> body =
        [
            new TextBlock { Text = "Record your team's discussion", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = briefing.Title, Wrap = true, IsSubtle = true },
            .. briefing.DiscussionQuestions.Select(q => (CardElement)new TextBlock { Text = "- " + q, Wrap = true, Size = TextSize.Small }),
            new DateInput { Id = "discussedOn", Label = "Date of the discussion", IsRequired = true, ErrorMessage = "Give the date.", Max = today, Value = DateOnly.TryParse(previous?.DiscussedOn, CultureInfo.InvariantCulture, out var d) ? d : today },
            new NumberInput { Id = "attended", Label = "How many attended", IsRequired = true, ErrorMessage = $"1 to {TeamDiscussion.MaxAttended}.", Min = 1, Max = TeamDiscussion.MaxAttended, Value = double.TryParse(previous?.Attended, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null },
            new TextInput { Id = "reflections", Label = "Your team's reflections", IsMultiline = true, IsRequired = true, ErrorMessage = "Add your reflections.", MaxLength = TeamDiscussion.MaxTextLength, Value = previous?.Reflections },
            new TextInput { Id = "teamActions", Label = "What your team will do", IsMultiline = true, MaxLength = TeamDiscussion.MaxTextLength, Value = previous?.TeamActions },
        ];
        if (check is { HasFindings: true })
        {
            body.Add(new TextBlock { Text = check.Summary, Wrap = true, Color = TextColor.Attention });
            body.Add(new ToggleInput { Id = "confirm", Title = "I have checked: this does not identify a child or family", ValueOn = "true", ValueOff = "false" });
        }

        return new AdaptiveCard
        {
            FallbackText = "Record your team's discussion",
            Body = body,
            Actions = [ExecuteAction.Create(BriefingVerbs.DiscussionSave, new DiscussionFormData(briefing.AuditId, version, channelId), "Save") with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive }],
        };
    }

    public static AdaptiveCard Usage(Guid auditId, string title, IReadOnlyList<ChannelUsage> channels)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Use of the briefing: {title}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
        };
        if (channels.Count == 0)
        {
            body.Add(new TextBlock { Text = "The briefing has not been published to any channel yet.", Wrap = true });
        }

        var budget = ListBudget;
        var shown = 0;
        foreach (var channel in channels)
        {
            // Past the budget the remaining channels are summed up in one line, so the card stays under 28 KB.
            if (budget <= 0)
            {
                break;
            }

            shown++;
            var p = channel.Publication;
            var heading = channel.Discussions.Count == 0
                ? $"{p.DisplayName}: no discussion recorded yet (posted {p.PostedAt.ToString("d MMM yyyy", English)}{(p.RemindersSent > 0 ? $", {p.RemindersSent} reminder(s) sent" : string.Empty)})."
                : $"{p.DisplayName}: {channel.Discussions.Count} discussion(s) recorded, {channel.Discussions.Sum(d => d.Attended)} attended.";
            budget -= heading.Length + ElementOverhead;
            body.Add(new TextBlock { Text = heading, Wrap = true, Weight = TextWeight.Bolder, Separator = true });
            foreach (var discussion in channel.Discussions.TakeLast(5))
            {
                var text = $"{discussion.DiscussedOn.ToString("d MMM yyyy", English)}, {discussion.Attended} attended ({discussion.RecordedBy.DisplayName}): {BriefingText.LimitWords(discussion.Reflections, 60)}"
                    + (discussion.TeamActions.Length > 0 ? $" Team actions: {BriefingText.LimitWords(discussion.TeamActions, 40)}" : string.Empty);
                budget -= text.Length + ElementOverhead;
                body.Add(new TextBlock { Text = text, Wrap = true, Size = TextSize.Small });
                if (budget <= 0)
                {
                    break;
                }
            }
        }

        if (shown < channels.Count)
        {
            var rest = channels.Skip(shown).ToList();
            body.Add(new TextBlock
            {
                Text = $"{rest.Count} more channel(s): {rest.Count(c => c.Discussions.Count > 0)} have recorded a discussion, {rest.Count(c => c.Discussions.Count == 0)} have not.",
                Wrap = true,
                Separator = true,
            });
        }

        var actions = new List<CardAction>();
        if (channels.Any(c => c.Discussions.Count == 0))
        {
            actions.Add(ExecuteAction.Create(BriefingVerbs.Remind, new RemindData(auditId), "Remind channels that have not"));
        }

        actions.Add(ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back to the briefing"));
        return new AdaptiveCard { FallbackText = $"Use of the briefing: {title}", Body = body, Actions = actions };
    }

    public static AdaptiveCard Export(Guid auditId, int version, Uri? docx, Uri? markdown) => new()
    {
        FallbackText = "Export the briefing",
        Body =
        [
            new TextBlock { Text = $"Export version {version}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = docx is null
                    ? "Downloads are not available: the bot's public address (WorkshopBot:PublicBaseUrl) is not set. Ask your administrator."
                    : "These links are for you only and stop working after a few minutes.",
                Wrap = true,
            },
        ],
        Actions = docx is null || markdown is null
            ? [ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back to the briefing")]
            : [new OpenUrlAction(docx, "Download Word (DOCX)"), new OpenUrlAction(markdown, "Download Markdown"), ExecuteAction.Create(BriefingVerbs.Open, new OpenBriefingData(auditId), "Back to the briefing")],
    };

    private static IEnumerable<CardElement> BoxElements(Briefing briefing, BriefingBox box, bool chart)
    {
        var number = (int)box.Kind + 1;
        yield return new TextBlock { Text = $"{number}. {box.Title}", Weight = TextWeight.Bolder, Wrap = true, Separator = true, Spacing = Spacing.Medium, Style = TextBlockStyle.Heading };
        if (!string.IsNullOrEmpty(box.Lead))
        {
            yield return new TextBlock { Text = box.Lead, Wrap = true };
        }

        if (box.Kind == BriefingBoxKind.GradesAndFindings && chart && briefing.Grades.Any(g => g.Cases > 0 || g.Returns > 0))
        {
            var useCases = briefing.Grades.Any(g => g.Cases > 0);
            yield return new VerticalBarChart
            {
                Title = useCases ? "Cases by multi-agency grade" : "Single-agency returns by grade",
                Data = briefing.Grades.Select(g => new BarChartPoint(g.Label, useCases ? g.Cases : g.Returns)).ToList(),
                ShowBarValues = true,
                Fallback = new FactSet { Facts = briefing.Grades.Select(g => new Fact(g.Label, (useCases ? g.Cases : g.Returns).ToString(CultureInfo.InvariantCulture))).ToList() },
            };
        }

        if (box.Points.Count > 0)
        {
            yield return new TextBlock { Text = string.Join("\n", box.Points.Select(p => "- " + p)), Wrap = true };
        }

        if (box.Questions.Count > 0)
        {
            yield return new TextBlock { Text = "Questions for your team", Weight = TextWeight.Bolder, Wrap = true };
            yield return new TextBlock { Text = string.Join("\n", box.Questions.Select((q, i) => $"{i + 1}. {q}")), Wrap = true };
        }
    }

    private static IEnumerable<CardElement> FooterElements(BriefingFooter footer)
    {
        yield return new TextBlock
        {
            Text = $"{footer.AnonymisationNote} Published {footer.PublicationDate.ToString("d MMMM yyyy", English)}. {footer.Contact}",
            Wrap = true,
            Size = TextSize.Small,
            IsSubtle = true,
            Separator = true,
        };
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";
}

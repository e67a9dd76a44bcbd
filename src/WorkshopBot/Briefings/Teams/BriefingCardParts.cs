using System.Globalization;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// Parts every briefing card shares: the briefing's own text box by box (as the chair's preview and the channel's post
/// both show it) and the size budget of cards that list one line per channel.
/// </summary>
internal static class BriefingCardParts
{
    /// <summary>
    /// Rough JSON cost of list lines, for keeping cards with one line per channel under the 28 KB limit: each line's text
    /// counted in the bytes the card carries (<see cref="CardBytes"/>; an emoji is 12, a Bengali letter 3), not in characters.
    /// </summary>
    public const int ListBudget = 18_000;

    public const int ElementOverhead = 120;

    /// <summary>Rough JSON cost of a Retry upload button beside its channel's line.</summary>
    public const int RetryActionOverhead = 320;

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// A channel's "Team > Channel" (<see cref="ChannelDirectory.Display"/>) for a TextBlock: the team's and the channel's
    /// names, which Teams gives us, escaped (see <see cref="MarkdownText"/>); the separator between them kept as it is.
    /// </summary>
    public static string ShownChannel(string name) =>
        string.Join(" > ", name.TrimStart().Split(" > ").Select(MarkdownText.Escape));

    /// <summary>
    /// For the chair's view of a channel: where its Word file is when it is not simply in the channel's Files, since the
    /// upload is made in the background after Publish has answered. On its way; or not uploaded, with why and a Retry upload
    /// button beside it (not for a post that was not delivered: publishing again uploads it). Empty otherwise;
    /// <paramref name="cost"/> is what it takes of a card's <see cref="ListBudget"/>.
    /// </summary>
    public static IReadOnlyList<CardElement> UploadNote(Guid auditId, ChannelPublication publication, string channelName,
        bool undelivered, out int cost)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(channelName);
        cost = 0;
        var text = publication.Upload switch
        {
            FileUploadState.Pending => BriefingPublisher.UploadOnItsWay,
            FileUploadState.Failed when !undelivered =>
                $"The Word version could not be put in the channel's Files: {MarkdownText.Escape(publication.UploadError)}",
            FileUploadState.Failed or FileUploadState.Uploaded or FileUploadState.NotConfigured => null,
            _ => null,
        };
        if (text is null)
        {
            return [];
        }

        var failed = publication.Upload == FileUploadState.Failed;
        cost = CardBytes.Of(text) + ElementOverhead + (failed ? publication.ChannelId.Length + RetryActionOverhead : 0);
        var note = new TextBlock { Text = text, Wrap = true, Size = TextSize.Small, Color = failed ? TextColor.Warning : null };
        return failed
            ? [note, new ActionSet
            {
                Actions =
                [
                    ExecuteAction.Create(PublishScreen.RetryUpload,
                        new RetryUploadData(auditId, publication.Version, publication.ChannelId),
                        $"Retry upload: {(channelName.Length <= 30 ? channelName : TextCut.Prefix(channelName, 27) + "...")}"),
                ],
            }]
            : [note];
    }

    /// <summary>
    /// One box: its numbered heading, lead, chart (on the channel's post), points and questions; with
    /// <paramref name="shortenTo"/>, each opening sentence, point and question cut to that many characters and the points
    /// and questions to a few times that in all (for the chair's preview when it would not fit Teams' card limit).
    /// </summary>
    public static IEnumerable<CardElement> Box(Briefing briefing, BriefingBox box, bool chart, int? shortenTo = null)
    {
        var number = (int)box.Kind + 1;
        yield return new TextBlock
        {
            Text = $"{number}. {box.Title}",
            Weight = TextWeight.Bolder,
            Wrap = true,
            Separator = true,
            Spacing = Spacing.Medium,
            Style = TextBlockStyle.Heading,
        };
        if (!string.IsNullOrEmpty(box.Lead))
        {
            yield return new TextBlock { Text = MarkdownText.Escape(Shorten(box.Lead, shortenTo)), Wrap = true };
        }

        if (box.Kind == BriefingBoxKind.GradesAndFindings && chart && GradeChart.DrawsCases(briefing) is { } useCases)
        {
            yield return new VerticalBarChart
            {
                Title = useCases ? "Cases by multi-agency grade" : "Single-agency returns by grade",
                Data = briefing.Grades.Select(g => new BarChartPoint(g.Label, useCases ? g.Cases : g.Returns)).ToList(),
                ShowBarValues = true,
                Fallback = new FactSet
                {
                    Facts = briefing.Grades
                        .Select(g => new Fact(g.Label, (useCases ? g.Cases : g.Returns).ToString(CultureInfo.InvariantCulture)))
                        .ToList(),
                },
            };
        }

        if (box.Points.Count > 0)
        {
            yield return new TextBlock
            {
                Text = Shorten(string.Join("\n", box.Points.Select(p => "- " + MarkdownText.Escape(Shorten(p, shortenTo)))),
                    shortenTo * ShortenedItemsPerBox),
                Wrap = true,
            };
        }

        if (box.Questions.Count > 0)
        {
            yield return new TextBlock { Text = "Questions for your team", Weight = TextWeight.Bolder, Wrap = true };
            yield return new TextBlock
            {
                Text = Shorten(string.Join("\n", box.Questions.Select((q, i) => $"{i + 1}. {MarkdownText.Escape(Shorten(q, shortenTo))}")),
                    shortenTo * ShortenedItemsPerBox),
                Wrap = true,
            };
        }
    }

    /// <summary>
    /// The anonymisation note, when the version went out (<see cref="BriefingDates"/>: first published, approved, or not
    /// yet published) and the contact under the boxes.
    /// </summary>
    public static IEnumerable<CardElement> Footer(BriefingFooter footer, BriefingDates dates)
    {
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentNullException.ThrowIfNull(dates);
        yield return new TextBlock
        {
            Text = $"{footer.AnonymisationNote} {dates.Sentence} {footer.Contact}",
            Wrap = true,
            Size = TextSize.Small,
            IsSubtle = true,
            Separator = true,
        };
    }

    /// <summary>How many shortened items' worth of text a box's points (or questions) keep in all when shortened.</summary>
    public const int ShortenedItemsPerBox = 6;

    /// <summary><paramref name="text"/> cut to at most <paramref name="most"/> characters (never inside a pair), marked "…".</summary>
    public static string Shorten(string text, int? most)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (most is not { } limit || text.Length <= limit)
        {
            return text;
        }

        var cut = Math.Max(limit - 1, 0);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd().TrimEnd('\\') + "\u2026";
    }
}

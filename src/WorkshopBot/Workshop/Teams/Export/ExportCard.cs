using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The chair's export: the download link (when the bot has a public address) and a preview of the CSV.</summary>
public static class ExportCard
{
    /// <summary>How much CSV text the preview shows in all, so the card stays under Teams' size limit.</summary>
    public const int PreviewBudget = 20_000;

    /// <summary>
    /// The card with as much of the files as fits: at most <see cref="PreviewBudget"/> characters, fewer when what they hold
    /// takes more room in the card's JSON (escaped Markdown, quotes, line breaks, letters of more than one byte).
    /// </summary>
    public static AdaptiveCard Preview(WorkshopSession session, IReadOnlyList<(string FileName, string Csv)> files, Uri? download = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        var escaped = files.Select(f => (f.FileName, Text: MarkdownText.Escape(f.Csv))).ToList();
        return CardKit.Fitting(PreviewBudget, budget => Build(session, escaped, download, budget));
    }

    private static AdaptiveCard Build(WorkshopSession session, List<(string FileName, string Text)> files, Uri? download, int budget)
    {
        var body = new List<CardElement>
        {
            Title("Workshop results (CSV)"),
            new TextBlock { Text = Shown(session.AuditTitle), Wrap = true, IsSubtle = true },
            new TextBlock
            {
                Text = download is null
                    ? $"{CardKit.DownloadsNotSetUp} A preview follows."
                    : "Download the full file (the link is yours alone and works for 15 minutes). A preview follows.",
                Wrap = true,
                Size = TextSize.Small,
            },
        };
        foreach (var (fileName, escaped) in files)
        {
            // The file holds what participants typed, escaped: shown as typed, so "[text](address)" is never a live link on
            // the chair's card and "*" or "_" never turn a line into emphasis.
            var shown = escaped.Length <= budget
                ? escaped
                : WholeEscapes(TextCut.Prefix(escaped, Math.Max(0, budget))) + "\n... (shortened)";
            budget -= shown.Length;
            body.Add(new TextBlock { Text = fileName, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new TextBlock
            {
                Text = shown.Length == 0 ? "(shortened)" : shown,
                Wrap = true,
                Size = TextSize.Small,
                Style = TextBlockStyle.Default,
            });
        }

        return new AdaptiveCard
        {
            FallbackText = "Workshop results as CSV",
            Body = body,
            Actions = download is null ? null : [new OpenUrlAction(download, "Download CSV")],
        };
    }

    /// <summary>The cut without a backslash left at its end that escaped a character the cut left out.</summary>
    private static string WholeEscapes(string cut)
    {
        var trailing = cut.Length - cut.TrimEnd('\\').Length;
        return trailing % 2 == 1 ? cut[..^1] : cut;
    }
}

using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Common.Teams;

/// <summary>Small building blocks every feature's cards share, so that cards look alike across features.</summary>
public static class CardKit
{
    /// <summary>A count and its noun, agreed: "1 channel", "2 channels", "0 people" (with <paramref name="plural"/>).</summary>
    public static string Plural(int count, string singular, string? plural = null) =>
        $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>What an export says when the bot has no public address to build download links on: the same everywhere.</summary>
    public const string DownloadsNotSetUp = "Downloads are not set up in WorkshopBot yet. Ask your IT administrator to set its "
        + "public address (WorkshopBot:PublicBaseUrl).";

    public static TextBlock Heading(string text) =>
        new(text) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true };

    public static TextBlock Subheading(string text) =>
        new(text) { Weight = TextWeight.Bolder, Wrap = true, Spacing = Spacing.Medium };

    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Wrap = true, Spacing = Spacing.None };

    public static TextBlock Small(string text) => new(text) { Size = TextSize.Small, IsSubtle = true, Wrap = true };

    public static Container Banner(string text, Tone tone) => new()
    {
        Style = tone switch
        {
            Tone.Success => ContainerStyle.Good,
            Tone.Warning => ContainerStyle.Warning,
            Tone.Error => ContainerStyle.Attention,
            _ => ContainerStyle.Emphasis,
        },
        Items = [new TextBlock(text) { Wrap = true, Weight = tone == Tone.Error ? TextWeight.Bolder : null }],
    };

    /// <summary>The message (if any) at the top of a card.</summary>
    public static IEnumerable<CardElement> Message(string? text, Tone tone) =>
        string.IsNullOrWhiteSpace(text) ? [] : [Banner(text, tone)];

    public static ActionSet Buttons(params CardAction[] actions) => new() { Actions = actions };

    /// <summary>
    /// The id of an input that fills <paramref name="property"/> of the data record its action posts, as the record is
    /// read from card data (<c>nameof(EditSaveData.Lead)</c> is "lead").
    /// </summary>
    public static string InputId(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    public static ExecuteAction Go<T>(string verb, T data, string title, ActionStyle? style = null) =>
        ExecuteAction.Create(verb, data, title) with { Style = style };

    public static string Date(DateTimeOffset? at) =>
        at is { } d ? Moments.Day(d) : "not set";

    public static string DateTime(DateTimeOffset? at) =>
        at is { } d ? Moments.DateAndTime(d) : "not set";

    /// <summary>
    /// Text that came from a person or from Teams (a display name, an agency's name, an audit's title, a reason, a quoted
    /// finding), for a TextBlock or a fact, which Teams reads as Markdown: shown as typed, never as a link or bold. Escape
    /// only where the text is put on the card, once; choices, input labels and fallback text are plain and take it as it is.
    /// </summary>
    public static string Literal(string? text) => MarkdownText.Escape(text);

    /// <summary><see cref="Literal(string?)"/> of the text cut to <paramref name="max"/> (cut first, so no escape is split).</summary>
    public static string Literal(string? text, int max) => MarkdownText.Escape(Shorten(text, max));

    public static string Shorten(string? text, int max)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length <= max)
        {
            return t;
        }

        // An emoji is two UTF-16 characters: it is cut whole or not at all (TextCut's rule, as every cut of text shown).
        return TextCut.Prefix(t, max - 1).TrimEnd() + "…";
    }

    /// <summary>
    /// What someone typed, put back in the input it came from after a refusal: at most <paramref name="max"/> characters, what
    /// that input allows (only a hand-made press sends more), cut where a character people see ends (<see cref="TextCut"/>), so
    /// the refusal of a text over its limit stays small and never echoes it whole.
    /// </summary>
    public static string? Clip(string? text, int max) => text is null ? null : TextCut.Prefix(text, max);

    private const string NothingSaved = "Nothing has been saved.";

    /// <summary>
    /// The findings of the identifier check and what to do: remove them or confirm, or, when one cannot be confirmed
    /// (see <see cref="IdentifierFinding.Confirmable"/>), remove it, for it cannot be kept.
    /// </summary>
    /// <param name="findings">The findings; none, no box.</param>
    /// <param name="notSaved">What the box says was not saved, when it is not "Nothing has been saved."</param>
    public static IEnumerable<CardElement> Findings(IReadOnlyList<FieldFinding>? findings, string? notSaved = null)
    {
        if (findings is not { Count: > 0 })
        {
            yield break;
        }

        var notChecked = findings.Any(f => f.Finding.Kind == IdentifierKind.Unchecked);
        var cannotBeKept = IdentifierCheck.CannotBeKept(findings.Select(f => f.Finding));
        yield return new Container
        {
            Style = ContainerStyle.Warning,
            Items =
            [
                new TextBlock(notChecked ? "The text could not be checked" : "Possible personal information found")
                {
                    Weight = TextWeight.Bolder, Wrap = true,
                },
                new FactSet
                {
                    // A message that quotes what was found already shows it: it is not shown twice.
                    Facts = findings.Take(10).Select(f => new Fact(f.Field, f.Finding.Kind == IdentifierKind.Unchecked
                        || f.Finding.Message.Contains(Literal(f.Finding.Text, 40), StringComparison.Ordinal)
                        ? f.Finding.Message
                        : $"{f.Finding.Message} (\"{Literal(f.Finding.Text, 40)}\")")).ToList(),
                },
                new TextBlock(cannotBeKept is null
                    ? $"{notSaved ?? NothingSaved} Remove it and save again, or confirm that it does not identify anyone "
                        + "(your confirmation is recorded in the audit log)."
                    : notChecked ? notSaved ?? NothingSaved : $"{notSaved ?? NothingSaved} {cannotBeKept}")
                {
                    Wrap = true, Size = TextSize.Small,
                },
            ],
        };
    }

    /// <summary>Older Teams clients and connectors break on a card above about 28 KB (PLATFORM.md): every card stays within.</summary>
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>Whether the card, as the bot sends it, is within <see cref="MaxCardBytes"/> less <paramref name="margin"/>.</summary>
    public static bool Fits(AdaptiveCard card, int margin = 0) =>
        AdaptiveCardJson.SerializeToUtf8Bytes(card).Length <= MaxCardBytes - margin;

    /// <summary>
    /// The card <paramref name="build"/> makes when it lists the most items, at most <paramref name="most"/>, that keep it
    /// within <see cref="MaxCardBytes"/>: however long what people typed and their names, a list lists fewer rather than
    /// grow past Teams' limit, and the card built says how many it left out.
    /// </summary>
    public static AdaptiveCard Fitting(int most, Func<int, AdaptiveCard> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var card = build(most);
        return most <= 0 || Fits(card) ? card : build(LargestFitting(most - 1, build));
    }

    /// <summary>
    /// The largest of 0 to <paramref name="most"/> for which <paramref name="build"/> makes a card within
    /// <see cref="MaxCardBytes"/>; 0 when none is.
    /// </summary>
    public static int LargestFitting(int most, Func<int, AdaptiveCard> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var (low, high) = (0, Math.Max(0, most));
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Fits(build(middle)) ? (middle, high) : (low, middle - 1);
        }

        return low;
    }
}

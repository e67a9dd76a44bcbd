using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>One thing the representative typed on a card that could not be saved: where it goes, and the text.</summary>
public sealed record UnsavedText(string Label, string? Text)
{
    /// <summary>What may identify someone in <see cref="Text"/> shows as a marker (a card that follows the answer).</summary>
    public bool Removed { get; init; }

    /// <summary>The text could not be checked, so a card that follows the answer does not show it (<see cref="Text"/> is null).</summary>
    public bool NotChecked { get; init; }
}

/// <summary>
/// What was typed on a card that could not be saved (an older card of a return saved since in another window, or one
/// submitted since), shown back rather than dropped: Teams replaces the card with the answer, so text not shown is lost.
/// </summary>
public static partial class ReturnsCard
{
    public const string NotSavedTitle = "Not saved: what you typed on that card";

    /// <summary>The answers typed on a section card that differ from those stored now, in the tool's order.</summary>
    public static IReadOnlyList<UnsavedText> Unsaved(AuditReturn ret, TypedAnswers typed)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        return UnsavedQuestions(ret, typed).Select(id =>
        {
            var (value, narrative) = TypedOn(typed, id);
            var label = $"Question {ret.NumberOf(id)}" + (value is null ? string.Empty : $": {AnswerLabel(value)}");
            return new UnsavedText(label, narrative.Length == 0 ? null : narrative);
        }).ToList();
    }

    /// <summary>The questions whose answers typed on a section card differ from those stored now, in the tool's order.</summary>
    public static IReadOnlyList<string> UnsavedQuestions(AuditReturn ret, TypedAnswers typed)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        return ret.AllQuestions.Where(q => typed.ByQuestion.ContainsKey(q.Id)).Select(q => q.Id).Where(id =>
        {
            var (value, narrative) = TypedOn(typed, id);
            var stored = ret.AnswerTo(id);
            var same = value == stored?.Value && narrative == (stored?.Narrative ?? string.Empty);
            return !same && (value is not null || narrative.Length > 0);
        }).ToList();
    }

    private static (AnswerValue? Value, string Narrative) TypedOn(TypedAnswers typed, string questionId)
    {
        var (value, narrative) = typed.ByQuestion[questionId];
        return (ParseAnswer(value), FreeText.Normalise(narrative));
    }

    /// <summary>The learning and grade typed on a summary card that differ from those stored now.</summary>
    public static IReadOnlyList<UnsavedText> Unsaved(AuditReturn ret, SaveSummaryData typed)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(typed);
        var unsaved = new List<UnsavedText>();
        void Text(string label, string? text, string? stored)
        {
            var t = FreeText.Normalise(text);
            if (t.Length > 0 && t != (stored ?? string.Empty))
            {
                unsaved.Add(new UnsavedText(label, t));
            }
        }

        Text("Good practice", typed.GoodPractice, ret.GoodPractice);
        Text("Areas for development", typed.AreasForDevelopment, ret.AreasForDevelopment);
        Text("Recommendations", typed.Recommendations, ret.Recommendations);
        // Only a grade on the scale is shown back: a forged value is not echoed into the card.
        if (ret.GradeScale.FindLevel(typed.Grade?.Trim()) is { } level && level.Key != ret.GradeKey)
        {
            unsaved.Add(new UnsavedText($"Single-agency grade: {level.Label}", null));
        }

        return unsaved;
    }

    private static IEnumerable<CardElement> NotSaved(IReadOnlyList<UnsavedText>? unsaved, string hint)
    {
        if (unsaved is not { Count: > 0 })
        {
            yield break;
        }

        var items = new List<CardElement> { new TextBlock(NotSavedTitle) { Weight = TextWeight.Bolder, Wrap = true }, Small(hint) };
        foreach (var u in unsaved)
        {
            items.Add(new TextBlock(Literal(u.Label)) { Weight = TextWeight.Bolder, Wrap = true, Size = TextSize.Small });
            if (u.Text is not null)
            {
                items.Add(new TextBlock(Literal(u.Text)) { Wrap = true, Spacing = Spacing.None });
            }
            else if (u.NotChecked)
            {
                items.Add(Small(NotCheckedLater));
            }
        }

        yield return new Container { Style = ContainerStyle.Attention, Items = items };
    }

    private const string CopyBelow = "Copy what you want to keep into the answers below (they are as saved now), then save.";
    private const string CopyLater = "Copy what you want to keep: the return as saved now opens with the button below.";
    private const string KeepForReopening = "The return is read-only: copy what you want to keep, and ask the chair to reopen it.";

    /// <summary>
    /// <paramref name="card"/>, unless what was not saved makes it too large for Teams: then a card with that text only
    /// and a button to open the return as it is now (<paramref name="open"/>), so nothing typed is cut. The first card of
    /// <see cref="FittedCards"/>: the one that answers the card acted on.
    /// </summary>
    public static AdaptiveCard Fitted(AdaptiveCard card, Audit audit, AuditReturn ret, string message,
        IReadOnlyList<UnsavedText> unsaved, ReturnRefData open) => Fit(card, audit, ret, message, unsaved, open, check: null)[0];

    /// <summary>
    /// <see cref="Fitted"/>, and when even the text alone is too much for one card (long answers, emoji and accents, which
    /// the card's JSON writes longer), the rest of it on further cards, each within <see cref="MaxCardBytes"/>, to be sent
    /// after the first: Teams replaces the card acted on with the first, so text on none of them would be lost. The first
    /// is the answer to the card acted on and shows the text as typed; the further cards are messages of their own, stored
    /// in the outbox until sent, so they show it checked by <paramref name="check"/> (see <see cref="ShownLater"/>).
    /// </summary>
    public static IReadOnlyList<AdaptiveCard> FittedCards(AdaptiveCard card, Audit audit, AuditReturn ret, string message,
        IReadOnlyList<UnsavedText> unsaved, ReturnRefData open, FreeTextCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Fit(card, audit, ret, message, unsaved, open, check);
    }

    /// <summary>The cards of <see cref="FittedCards"/>; only the first without <paramref name="check"/>.</summary>
    private static List<AdaptiveCard> Fit(AdaptiveCard card, Audit audit, AuditReturn ret, string message,
        IReadOnlyList<UnsavedText> unsaved, ReturnRefData open, FreeTextCheck? check)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(unsaved);
        if (unsaved.Count == 0 || Fits(card))
        {
            return [card];
        }

        var cards = new List<AdaptiveCard>();
        var left = unsaved.ToList();
        while (left.Count > 0)
        {
            var first = cards.Count == 0;
            var take = 1;
            while (take < left.Count && Fits(TextOnly(audit, ret, message, left.Take(take + 1).ToList(), open, first, true)))
            {
                take++;
            }

            cards.Add(TextOnly(audit, ret, message, left.Take(take).ToList(), open, first, take < left.Count));
            left.RemoveRange(0, take);
            if (first)
            {
                if (check is null)
                {
                    break;
                }

                // What follows the answer goes through the outbox: checked, what may identify someone replaced by a marker.
                left = ShownLater(left, check).ToList();
            }
        }

        return cards;
    }

    private const string MoreBelow = "More of what you typed follows in the next message.";

    /// <summary>A card with text typed and not saved only: the first answers the card acted on, the others follow it.</summary>
    private static AdaptiveCard TextOnly(Audit audit, AuditReturn ret, string message, IReadOnlyList<UnsavedText> unsaved,
        ReturnRefData open, bool first, bool more)
    {
        var body = new List<CardElement>
        {
            Heading(first ? $"Audit tool: {Literal(audit.Title, 120)}" : NotSavedTitle + " (continued)"),
            Subtle($"{Literal(ret.AgencyName, 80)} · case {ret.CaseReference}"),
        };
        if (first)
        {
            body.AddRange(Message(message, Tone.Error));
        }

        body.AddRange(NotSaved(unsaved, (ret.IsReadOnly ? KeepForReopening : CopyLater) + RemovedLaterNote(unsaved)));
        if (more)
        {
            body.Add(Small(MoreBelow));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Audit tool for case {ret.CaseReference}: not saved",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = [Go(ReturnsScreen.OpenReturn, open, ret.IsReadOnly ? "View the return" : "Open the latest answers",
                ActionStyle.Positive)],
        };
    }
}

using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Workshop.Domain;

public sealed partial class Poll
{
    /// <summary>
    /// A new poll from the chair's definition, or the reason it cannot be created. The prompt and choices are shown
    /// on a channel card, so text that looks like it identifies someone is refused rather than confirmed.
    /// </summary>
    internal static DomainResult<Poll> Create(string id, int number, PollDefinition definition, GradeScale gradeScale,
        IReadOnlyList<AgencyGrade>? agencyGrades, FreeTextCheck privacy, DateTimeOffset now)
    {
        var prompt = FreeText.Normalise(definition.Board switch
        {
            IdeaBoardKind.WorkedWell when string.IsNullOrWhiteSpace(definition.Prompt) => WorkedWellPrompt,
            IdeaBoardKind.CouldImprove when string.IsNullOrWhiteSpace(definition.Prompt) => CouldImprovePrompt,
            _ => definition.Prompt,
        });
        if (definition.Kind == PollKind.GradeRatification && string.IsNullOrWhiteSpace(prompt))
        {
            prompt = $"What is the multi-agency grade for case {definition.CaseReference}?";
        }

        var error = string.IsNullOrWhiteSpace(prompt)
            ? "Give the poll a question or prompt."
            : FreeText.Validate(prompt, "The prompt", MaxPromptLength);
        if (error is not null)
        {
            return Fail(error);
        }

        if (privacy.Scan(("Prompt", prompt)) is { Count: > 0 } found)
        {
            return Fail(FreeTextCheck.NotChecked(found)
                ?? "The prompt looks like it contains personal information (a date, phone number, postcode or NHS number). "
                + "Please reword it.");
        }

        if (definition.TimerMinutes is { } minutes && minutes is < 1 or > MaxTimerMinutes)
        {
            return Fail($"A phase timer is 1 to {MaxTimerMinutes} minutes.");
        }

        var poll = new Poll
        {
            Id = id,
            Number = number,
            Kind = definition.Kind,
            Prompt = prompt,
            Visibility = definition.Visibility,
            TimerMinutes = definition.TimerMinutes,
            Phase = PollPhase.Collecting,
            DotsPerVoter = 1,
            MaxDotsPerItem = 1,
            CreatedAt = now,
        };
        return definition.Kind switch
        {
            PollKind.IdeaBoard => poll.AsIdeaBoard(definition),
            PollKind.SingleChoice or PollKind.MultipleChoice => poll.WithChoices(definition, privacy),
            PollKind.Rating => poll.WithRatings(definition.RatingScale),
            PollKind.GradeRatification => poll.ForGrade(definition, gradeScale, agencyGrades),
            _ => Fail("Choose a kind of poll."),
        };
    }

    private DomainResult<Poll> AsIdeaBoard(PollDefinition definition)
    {
        if (definition.DotsPerVoter is < 1 or > MaxDots
            || definition.MaxDotsPerItem < 1
            || definition.MaxDotsPerItem > definition.DotsPerVoter)
        {
            return Fail($"Each person has 1 to {MaxDots} dots, and at most that many on one idea.");
        }

        Board = definition.Board ?? IdeaBoardKind.Custom;
        Anonymous = definition.Anonymous;
        DotsPerVoter = definition.DotsPerVoter;
        MaxDotsPerItem = definition.MaxDotsPerItem;
        return DomainResult<Poll>.Ok(this);
    }

    private DomainResult<Poll> WithChoices(PollDefinition definition, FreeTextCheck privacy)
    {
        var choices = (definition.Choices ?? []).Select(FreeText.Normalise).Where(c => c.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (choices.Count is < 2 or > MaxChoices)
        {
            return Fail($"Give 2 to {MaxChoices} different choices, one per line.");
        }

        // Choices are shown on the channel card like the prompt: the same checks (length, hidden control characters), every
        // choice's length before any is scanned for identifiers, and said in the words every typed input uses.
        if (choices.Select(c => FreeText.Validate(c, "A choice", MaxPromptLength)).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return Fail(invalid);
        }

        if (choices.FirstOrDefault(c => privacy.Scan(("Choice", c)).Count > 0) is { } bad)
        {
            return Fail($"The choice \"{Shorten(bad)}\" looks like it contains personal information. Please reword it.");
        }

        Options = choices.Select((c, i) => new PollOption("c" + (i + 1).ToString(CultureInfo.InvariantCulture), c)).ToList();
        return DomainResult<Poll>.Ok(this);
    }

    private DomainResult<Poll> WithRatings(RatingScale scale)
    {
        Options = scale == RatingScale.OneToFive
            ? Enumerable.Range(1, 5).Select(i => i.ToString(CultureInfo.InvariantCulture)).Select(n => new PollOption(n, n)).ToList()
            :
            [
                new("strongly-agree", "Strongly agree"),
                new("agree", "Agree"),
                new("neutral", "Neither agree nor disagree"),
                new("disagree", "Disagree"),
                new("strongly-disagree", "Strongly disagree"),
            ];
        return DomainResult<Poll>.Ok(this);
    }

    private DomainResult<Poll> ForGrade(PollDefinition definition, GradeScale gradeScale, IReadOnlyList<AgencyGrade>? agencyGrades)
    {
        if (string.IsNullOrWhiteSpace(definition.CaseReference))
        {
            return Fail("Choose the case whose grade is being ratified.");
        }

        CaseReference = definition.CaseReference;
        ShowGrades(agencyGrades);
        Options = gradeScale.Levels.OrderBy(l => l.Rank).Select(l => new PollOption(l.Key, l.Label)).ToList();
        return DomainResult<Poll>.Ok(this);
    }

    private static DomainResult<Poll> Fail(string message) => DomainResult<Poll>.Fail(DomainErrorKind.Invalid, message);

    private static string Shorten(string text) => text.Length <= 40 ? text : TextCut.Prefix(text, 40) + "...";
}

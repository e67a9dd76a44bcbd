using WorkshopBot.Common;

namespace WorkshopBot.Workshop.Domain;

public sealed partial class Poll
{
    internal DomainResult Open(DateTimeOffset now)
    {
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                Phase == PollPhase.Voting ? "Voting is already open." : "This poll is closed; reopen it instead.");
        }

        if (VotableOptions.Count == 0)
        {
            return DomainResult.Invalid("There is nothing to vote on yet: add ideas first.");
        }

        StartVoting(now);
        return DomainResult.Ok;
    }

    /// <summary>
    /// How many of a person's dots an idea board's visible ideas can take, at most <see cref="MaxDotsPerItem"/> each and no
    /// more than <see cref="DotsPerVoter"/>: fewer when the board has fewer places than dots (3 ideas, 5 dots, 1 an idea).
    /// </summary>
    public int PlaceableDots => Kind == PollKind.IdeaBoard
        ? (int)Math.Min(DotsPerVoter, (long)VotableOptions.Count * MaxDotsPerItem)
        : Budget;

    internal DomainResult Close()
    {
        if (Phase != PollPhase.Voting)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Voting is not open.");
        }

        Phase = PollPhase.Closed;
        ClosesAt = null;
        return DomainResult.Ok;
    }

    internal DomainResult Reopen(DateTimeOffset now)
    {
        if (Phase != PollPhase.Closed)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Only a closed poll can be reopened.");
        }

        StartVoting(now);
        return DomainResult.Ok;
    }

    internal DomainResult Reset()
    {
        if (Openings == 0)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Nobody has voted: voting has not been opened on this poll.");
        }

        Resets++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// What a vote on this poll is decided on in the workshop, and what its answer shows of it, as one text: its kind,
    /// phase, openings and resets, its dots rules, its prompt, the ideas or options that can take votes with their
    /// wording (hidden and merged ideas left out), whether its results are shown, and a grade poll's single-agency grades.
    /// It changes whenever a change to the workshop could change a vote's answer; the vote store keeps the workshop version
    /// it last changed at (workshop_polls.basis_version), and a vote counts only while that is no later than the version it
    /// was decided on. So a voter remembered before the chair revealed the results (or the grades were read again) is
    /// decided again from fresh reads, on every instance, and sees them at once. A reveal and a change of grades are rare:
    /// no vote moves it. Card ids and everything outside the poll are not part of it. Built only when a workshop is saved,
    /// never on a vote's turn.
    /// </summary>
    internal string VoteBasis
    {
        get
        {
            var basis = new System.Text.StringBuilder();
            basis.AppendJoin('\u001f', Kind, Phase, Openings, Resets, DotsPerVoter, MaxDotsPerItem, Prompt, ResultsVisible);
            foreach (var option in VotableOptions)
            {
                basis.Append('\u001e').Append(option.Id).Append('\u001f').Append(option.Label);
            }

            if (Kind == PollKind.GradeRatification)
            {
                basis.Append('\u001d').Append(GradesReleased);
                foreach (var grade in AgencyGrades)
                {
                    basis.Append('\u001d').Append(grade.AgencyName).Append('\u001f').Append(grade.GradeLabel);
                }
            }

            return basis.ToString();
        }
    }

    internal DomainResult Reveal()
    {
        if (ResultsVisible)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The results are already visible.");
        }

        Revealed = true;
        return DomainResult.Ok;
    }

    private void StartVoting(DateTimeOffset now)
    {
        Phase = PollPhase.Voting;
        Openings++;
        ClosesAt = TimerMinutes is { } minutes ? now.AddMinutes(minutes) : null;
    }
}

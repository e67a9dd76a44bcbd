using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
namespace WorkshopBot.Workshop.Teams;

/// <summary>Card verbs of the workshop. Card data names workshops, polls and options, never people: who acted comes from the activity.</summary>
public static class WorkshopVerbs
{
    public const string Start = "workshop.start";
    public const string Join = "workshop.join";
    public const string ChairPanel = "workshop.chair";
    public const string CreatePoll = "workshop.poll.create";
    public const string AddIdea = "workshop.idea.add";
    public const string Moderate = "workshop.idea.moderate";
    public const string Manage = "workshop.poll.manage";
    public const string Phase = "workshop.poll.phase";
    public const string View = "workshop.poll.view";
    public const string Dot = "workshop.vote.dot";
    public const string Choose = "workshop.vote.choose";
    public const string Ratify = "workshop.ratify";
    public const string Export = "workshop.export";
}

/// <summary>Data of <see cref="WorkshopVerbs.Start"/> (the chair picked one of several audits).</summary>
public sealed record StartWorkshopData(Guid AuditId);

/// <summary>Data of <see cref="WorkshopVerbs.Join"/>; <see cref="AgencyId"/> is the agency chosen on joining (input).</summary>
public sealed record JoinData(Guid WorkshopId, string? AgencyId = null);

/// <summary>Data of verbs that only name the workshop.</summary>
public sealed record WorkshopRef(Guid WorkshopId);

/// <summary>Data of <see cref="WorkshopVerbs.CreatePoll"/>: the chair panel's inputs.</summary>
public sealed record CreatePollData(
    Guid WorkshopId,
    string? PollType = null,
    string? Prompt = null,
    string? Anonymous = null,
    string? Dots = null,
    string? MaxPerItem = null,
    string? Visibility = null,
    string? Timer = null,
    string? Choices = null,
    string? CaseReference = null);

/// <summary>Data of <see cref="WorkshopVerbs.AddIdea"/>; <see cref="ConfirmNotIdentifying"/> after an identifier warning.</summary>
public sealed record AddIdeaData(
    Guid WorkshopId,
    string PollId,
    string? Text = null,
    string? CaseReference = null,
    string? AgencyId = null,
    string? Theme = null,
    bool ConfirmNotIdentifying = false);

/// <summary>Data of <see cref="WorkshopVerbs.Moderate"/>: merge, edit or hide an idea (chair).</summary>
public sealed record ModerateData(
    Guid WorkshopId,
    string PollId,
    string? Action = null,
    string? ItemId = null,
    string? IntoItemId = null,
    string? Text = null);

/// <summary>Data of verbs naming one poll (<see cref="WorkshopVerbs.View"/>, <see cref="WorkshopVerbs.Manage"/>).</summary>
public sealed record PollRef(Guid WorkshopId, string PollId);

/// <summary>Data of <see cref="WorkshopVerbs.Phase"/>: open, close, reopen, reset or reveal.</summary>
public sealed record PhaseData(Guid WorkshopId, string PollId, string? Action = null);

/// <summary>Data of <see cref="WorkshopVerbs.Dot"/>: add (+1) or take back (-1) one dot.</summary>
public sealed record DotData(Guid WorkshopId, string PollId, int Delta, string? OptionId = null);

/// <summary>Data of <see cref="WorkshopVerbs.Choose"/>: the chosen option ids (comma-separated for multiple choice).</summary>
public sealed record ChooseData(Guid WorkshopId, string PollId, string? Choice = null);

/// <summary>Data of <see cref="WorkshopVerbs.Ratify"/>: the grade the chair confirms and why.</summary>
public sealed record RatifyData(Guid WorkshopId, string PollId, string? Grade = null, string? Rationale = null);

/// <summary>Phase actions of <see cref="PhaseData.Action"/>.</summary>
public static class PhaseActions
{
    public const string Open = "open";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string Reset = "reset";
    public const string Reveal = "reveal";
}

/// <summary>Moderation actions of <see cref="ModerateData.Action"/>.</summary>
public static class ModerateActions
{
    public const string Merge = "merge";
    public const string Edit = "edit";
    public const string Hide = "hide";
}

using System.Reflection;
using System.Text.Json.Serialization;
using WorkshopBot.Hosting;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Every text a card carries into the bot is either free text, which the identifier check reads before it is stored
/// (refused, or kept only with a confirmation the audit log records), or a value the bot matches against what it knows
/// (an id, a choice, a date, a number, a Teams member, a theme of the taxonomy) and refuses otherwise. A new text input
/// fails here until it is placed in one list or the other, so none reaches the store without someone deciding which.
/// Plain chat messages are matched against the commands and answered with a fixed sentence, and the Teams tab only
/// reads, so neither takes free text in.
/// </summary>
public sealed class FreeTextInputs
{
    /// <summary>Free text: each goes through the identifier check in its screen (FreeTextCheck, or the domain's own
    /// check for titles, agency names and case references).</summary>
    private static readonly string[] Checked =
    [
        "AddAgencyData.AgencyName", "AddCaseData.CaseReference", "AddIdeaData.Text", "AddRecommendationData.Measure",
        "AddRecommendationData.Text", "AddSectionData.SectionTitle", "AskReopenData.Reason", "AuditDetailsData.DataSharingAgreement",
        "AuditDetailsData.DpiaReference", "AuditDetailsData.LawfulBasis", "AuditDetailsData.Theme", "AuditDetailsData.Title",
        "CreateActionData.Measure",
        "CreateActionData.What", "CreateAuditData.Theme", "CreateAuditData.Title", "CreatePollData.Choices", "CreatePollData.Prompt",
        "DeclineReopenData.Reason", "DiscussionSaveData.Reflections", "DiscussionSaveData.TeamActions", "EditSaveData.Lead",
        "EditSaveData.Points", "EditSaveData.Questions", "EvidenceData.Evidence", "ExtendData.Reason", "ModerateData.Text",
        "ProgressData.Note", "RatifyData.Rationale", "ReasonData.Reason", "ReassignData.Reason", "ReopenData.Reason",
        "ReturnData.Reason", "SaveQuestionData.Guidance", "SaveQuestionData.QuestionText", "SaveSectionData.Inputs",
        "SaveSummaryData.AreasForDevelopment", "SaveSummaryData.GoodPractice", "SaveSummaryData.Recommendations",
    ];

    /// <summary>Values matched against what the bot knows, never stored as typed.</summary>
    private static readonly string[] Matched =
    [
        "AddAgencyData.AgencyType", "AddCaseData.AgeBand", "AddIdeaData.AgencyId", "AddIdeaData.CaseReference", "AddIdeaData.PollId",
        "AddIdeaData.Theme", "AddRecommendationData.Owner", "AddRecommendationData.Target", "AgencyPeopleData.AgencyId",
        "AgencyPeopleData.AssignedCases", "AgencyPeopleData.NamedLead", "AgencyPeopleData.Representative", "AgencyRefData.AgencyId",
        "AuditDetailsData.GradeScaleKey", "AuditDetailsData.LookBackMonths", "AuditDetailsData.ReminderDays",
        "AuditDetailsData.ReturnsDue",
        "CaseRefData.CaseReference", "ChairHandoverData.ChairWas", "ChairHandoverData.NewChair", "ChairHandoverData.Reason",
        "ChooseData.Choice", "ChooseData.PollId", "CreateActionData.Confirm", "CreateActionData.DueOn",
        "CreateActionData.Lead", "CreateActionData.OwnerAgency", "CreateActionData.Themes", "CreateAuditData.GradeScaleKey",
        "CreateAuditData.LookBackMonths", "CreateAuditData.ReminderDays", "CreateAuditData.ReturnsDue", "CreateAuditData.TemplateKey",
        "CreateAuditData.WorkshopDate", "CreatePollData.Anonymous", "CreatePollData.CaseReference", "CreatePollData.Dots",
        "CreatePollData.MaxPerItem", "CreatePollData.PollType", "CreatePollData.Timer", "CreatePollData.Visibility",
        "DiscussionFormData.ChannelId", "DiscussionSaveData.Attended", "DiscussionSaveData.ChannelId", "DiscussionSaveData.Confirm",
        "DiscussionSaveData.DiscussedOn", "DiscussionMeetingData.ChannelId", "DiscussionMeetingData.Meeting",
        "DiscussionMoveData.ChannelId", "DiscussionMoveData.Meeting", "DiscussionMoveData.MoveTo", "DiscussionRemoveData.ChannelId",
        "DiscussionRemoveData.Meeting", "DotData.OptionId", "DotData.PollId", "EditQuestionData.QuestionId",
        "EditQuestionData.SectionId", "EvidenceData.Confirm", "ExtendData.Confirm", "ExtendData.DueOn", "ExtendDueData.NewDueDate",
        "HelpCommandData.Command", "JoinData.AgencyId", "JoinData.PollId", "ModerateData.Action", "ModerateData.IntoItemId",
        "ModerateData.ItemId", "ModerateData.PollId", "MoveQuestionData.QuestionId", "OpenAnywayData.PollId",
        "PhaseData.Action", "PhaseData.PollId", "PollRef.PollId",
        "ProgressData.Confirm", "ProgressData.Rag", "PublishData.Channels", "QuestionRefData.QuestionId", "QuestionsData.SectionId",
        "RatifyData.Grade", "RatifyData.PollId", "ReasonData.Confirm", "ReassignData.Confirm", "ReassignData.Lead",
        "ReassignData.OwnerAgency", "RemoveRecommendationData.RecommendationId", "ReopenData.ReturnId", "ReopenFormData.AgencyId",
        "RetentionData.Months",
        "RetryUploadData.ChannelId", "ReturnData.Confirm", "SaveQuestionData.AgencyTypes", "SaveQuestionData.IsSafety",
        "SaveQuestionData.QuestionId", "SaveQuestionData.SectionId", "SaveSectionData.Move", "SaveSectionData.SectionId",
        "SaveSummaryData.Grade", "SaveSummaryData.Move", "RescheduleWorkshopData.WorkshopDate",
    ];

    [Fact]
    public void EveryTextACardCarriesIsCheckedOrMatched()
    {
        var inputs = TextInputs();

        var unplaced = inputs.Where(i => !Checked.Contains(i, StringComparer.Ordinal) && !Matched.Contains(i, StringComparer.Ordinal))
            .ToList();
        var gone = Checked.Concat(Matched).Where(i => !inputs.Contains(i, StringComparer.Ordinal)).ToList();

        Assert.True(unplaced.Count == 0, "Text inputs not yet placed: run the identifier check on each free-text one before it is "
            + "stored, then list it here: " + string.Join(", ", unplaced));
        Assert.True(gone.Count == 0, "Listed inputs no card carries any more: " + string.Join(", ", gone));
        Assert.Empty(Checked.Intersect(Matched, StringComparer.Ordinal));
    }

    /// <summary>The text properties of every record a card action or submit is read into, and the extension data that
    /// takes inputs named per question.</summary>
    private static List<string> TextInputs()
    {
        var router = BotRoutes.Build();
        return router.CardActionVerbs.Values.Concat(router.SubmitVerbs.Values).Distinct()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) || p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
                .Select(p => $"{t.Name}.{p.Name}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

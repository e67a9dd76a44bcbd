using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The rule that merges near-duplicate findings (<see cref="FindingSimilarity"/>), on pairs written the way agencies write
/// their returns: the same point in other words is one finding; a finding and its opposite, or two themes, never are.
/// </summary>
public sealed class BriefingFindingsMerge
{
    public static TheoryData<string, string> SamePoint => new()
    {
        { "Agencies worked together on the plan for the child", "Several agencies contributed to planning for the child" },
        { "Information was shared promptly between police and children's social care",
            "Police and children's social care shared information quickly" },
        { "Strategy meetings were held quickly with the right agencies present",
            "Strategy discussions were timely and the right agencies attended" },
        { "Fathers were not seen or assessed", "The father was not seen or spoken to by any agency" },
        { "The child's voice was not recorded", "The voice of the child was missing from the records" },
        { "Chronologies were not kept up to date", "Chronologies were not up to date in any agency" },
        { "Strategy discussions did not include health", "Health were not included in the strategy discussion" },
        { "The GP was not invited to the strategy meeting", "GPs were not invited to strategy meetings" },
        { "Escalation was not used when agencies disagreed", "Agencies did not escalate" },
        { "Records were detailed and of a high standard", "Recording was detailed and of high quality" },
        { "There was good professional curiosity about the bruising", "Practitioners were curious about the bruising and explored it" },
        { "The health visitor's referral to the MASH was prompt", "Health visiting referred to the MASH promptly" },
        { "Police shared information with school the next day", "Information was passed from police to the school the following day" },
        { "Siblings were not considered", "The needs of the siblings were not considered" },
        { "Management oversight was not recorded", "No record of management oversight on the file" },
        { "Domestic abuse was not routinely asked about", "Routine enquiry about domestic abuse was not made" },
        { "Cultural identity was not explored", "The family's culture and identity were not explored with them" },
        { "Information sharing with the GP was slow", "The GP was told late about the injury" },
        { "CP medical outcomes take weeks to reach the GP and the health visitor",
            "The outcome of the CP medical did not reach the GP for several weeks" },
    };

    public static TheoryData<string, string> DifferentPoints => new()
    {
        { "Agencies did not share information", "Agencies shared information" },
        { "Fathers were not seen", "Fathers were seen at every visit" },
        { "Information was shared promptly", "Information sharing was delayed" },
        { "Strategy meetings were held promptly", "Medicals were held promptly" },
        { "The voice of the child was recorded", "The voice of the child was not recorded" },
        { "Chronologies were up to date", "Chronologies were not up to date" },
        { "The GP was invited to the strategy meeting", "The GP wasn't invited to the strategy meeting" },
        { "Escalation was used well when partners disagreed", "Supervision gave good oversight of the plan" },
        { "Good information sharing between school and health", "Poor information sharing between school and health" },
        { "Referrals were made promptly to the MASH", "Referrals to the MASH were delayed" },
        { "Records were detailed and clear", "Records lacked detail" },
        { "The child was seen alone", "The child was never seen alone" },
        { "Domestic abuse was recognised early", "Neglect was recognised early" },
        { "Strategy meeting held within 24 hours", "Strategy meeting not held within 24 hours" },
        { "Step-down to early help was well planned", "Step-down to early help was not planned" },
        { "The MASH triage was thorough", "The MASH triage was inconsistent" },
        { "Mother's mental health was assessed", "Father's substance misuse was assessed" },
        { "School raised concerns quickly", "School was slow to raise concerns" },
        { "Home conditions were assessed", "Home conditions were never assessed" },
        { "The chronology was shared with the GP", "The chronology was shared with the school" },
        { "Referrals were made promptly", "Referrals took weeks" },
    };

    [Theory]
    [MemberData(nameof(SamePoint))]
    public void MergesTheSamePointInOtherWords(string one, string other)
    {
        var comparison = FindingSimilarity.Compare(one, other);
        var reverse = FindingSimilarity.Compare(other, one);

        Assert.True(comparison.SameFinding, comparison.Reason);
        Assert.Equal(comparison, reverse);
        Assert.StartsWith("the same point", comparison.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DifferentPoints))]
    public void NeverMergesOppositesOrOtherThemes(string one, string other)
    {
        var comparison = FindingSimilarity.Compare(one, other);
        var reverse = FindingSimilarity.Compare(other, one);

        Assert.False(comparison.SameFinding, comparison.Reason);
        Assert.False(reverse.SameFinding, reverse.Reason);
    }

    [Fact]
    public void SaysWhyTwoFindingsAreNotMerged()
    {
        Assert.Equal("opposite meaning: one says something did not happen, was poor or came late",
            FindingSimilarity.Compare("Fathers were not seen", "Fathers were seen").Reason);
        Assert.Equal("opposite meaning: one says something did not happen, was poor or came late",
            FindingSimilarity.Compare("Referrals were made promptly", "Referrals took weeks").Reason);
        Assert.Equal("the same point: 0.85 (shared: gp, medical, outcome, reach, week)", FindingSimilarity.Compare(
            "CP medical outcomes take weeks to reach the GP",
            "The outcome of the CP medical did not reach the GP for several weeks").Reason);
        Assert.StartsWith("different themes", FindingSimilarity.Compare("Domestic abuse was recognised early",
            "Neglect was recognised early").Reason, StringComparison.Ordinal);
    }
}

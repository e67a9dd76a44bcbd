using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class SafetyEscalationRouting
{
    private static SafetyEscalation Raise(Audit audit, TimeSpan? resendAfter = null) =>
        SafetyEscalation.Raise(Guid.NewGuid(), audit, Case1, "agency-1", SocialCareRep, "Sibling seen with a new bruise.", Now, resendAfter)
            .ValueOrThrow();

    [Fact]
    public void RoutesToTheChairAndTheAgencysNamedLead()
    {
        var escalation = Raise(IssuedAudit());

        Assert.Equal([Chair, SocialCareLead], escalation.RoutedTo);
        Assert.Equal(Now, escalation.RaisedAt);
        Assert.False(escalation.IsAcknowledged);
    }

    [Fact]
    public void RoutesToTheChairAloneWhenTheAgencyHasNoNamedLead()
    {
        var escalation = SafetyEscalation.Raise(Guid.NewGuid(), IssuedAudit(), Case1, "agency-2", SchoolRep, "Concern.", Now)
            .ValueOrThrow();

        Assert.Equal([Chair], escalation.RoutedTo);
    }

    [Fact]
    public void RaisesFromAReturnWhoseSafetyQuestionIsYes()
    {
        var audit = IssuedAudit();
        var ret = NewReturn(audit);
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        var concern = new AnswerInput(safety.Id, AnswerValue.Yes, "New bruise.");
        ret.SaveSection(ret.Sections[^1].Id, [concern], 0, SocialCareRep, Now).ValueOrThrow();

        var escalation = SafetyEscalation.RaiseFromReturn(Guid.NewGuid(), audit, ret, SocialCareRep, Now, Fingerprint).ValueOrThrow();

        Assert.Equal("New bruise.", escalation.Details);
        Assert.Equal(ret.Id, escalation.ReturnId);
    }

    [Fact]
    public void RaisesFromAReturnWhoseSafetyNarrativesTogetherExceedTheLimitShortened()
    {
        var audit = ReadyAudit();
        var safetySection = audit.Questions.Sections[^1];
        audit.AddQuestion(safetySection.Id, new QuestionDraft("Is a sibling unsafe now?", IsSafetyQuestion: true)).ValueOrThrow();
        Ok(audit.Issue(Now));
        var ret = NewReturn(audit);
        var section = ret.Sections[^1];
        var narrative = "Bruising seen at a recent contact; referral made. ";
        var long1 = string.Concat(Enumerable.Repeat(narrative, 3000 / narrative.Length));
        var concerns = section.Questions.Where(q => q.IsSafetyQuestion).Select(q => new AnswerInput(q.Id, AnswerValue.Yes, long1)).ToList();
        Assert.Equal(2, concerns.Count);
        ret.SaveSection(section.Id, concerns, 0, SocialCareRep, Now).ValueOrThrow();

        var raised = SafetyEscalation.RaiseFromReturn(Guid.NewGuid(), audit, ret, SocialCareRep, Now, Fingerprint);

        Assert.True(raised.Succeeded, raised.Message);
        Assert.InRange(raised.Value!.Details.Length, FreeText.DefaultMaxLength - 60, FreeText.DefaultMaxLength);
        Assert.StartsWith("Concern 1: " + long1.Trim(), raised.Value.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsWhoAcknowledgedAndWhenOnce()
    {
        var escalation = Raise(IssuedAudit());

        var stranger = escalation.Acknowledge(SchoolRep, Now.AddMinutes(5));
        Ok(escalation.Acknowledge(SocialCareLead, Now.AddMinutes(10)));
        var again = escalation.Acknowledge(Chair, Now.AddMinutes(20));

        Assert.Equal(DomainErrorKind.NotAllowed, stranger.Error?.Kind);
        Assert.Equal(SocialCareLead, escalation.AcknowledgedBy);
        Assert.Equal(Now.AddMinutes(10), escalation.AcknowledgedAt);
        Assert.Equal(DomainErrorKind.AlreadyDone, again.Error?.Kind);
        Assert.Equal("CSC Named Lead already acknowledged this alert on 2 March 2026 at 09:10 GMT.", again.Message);
        Assert.False(escalation.IsResendDue(Now.AddDays(1)));
    }

    [Fact]
    public void IsDueForResendAfterTheConfiguredPeriodUntilAcknowledged()
    {
        var escalation = Raise(IssuedAudit(), TimeSpan.FromMinutes(30));

        var early = escalation.RecordResend(Now.AddMinutes(29));
        Ok(escalation.RecordResend(Now.AddMinutes(30)));

        Assert.Equal(DomainErrorKind.NotAllowed, early.Error?.Kind);
        Assert.Equal(1, escalation.ResendCount);
        Assert.Equal(Now.AddMinutes(60), escalation.NextResendAt);
        Assert.False(escalation.IsResendDue(Now.AddMinutes(59)));
        Assert.True(escalation.IsResendDue(Now.AddMinutes(60)));
    }

    [Fact]
    public void RefusesAnAlertWithoutDetails()
    {
        var result = SafetyEscalation.Raise(Guid.NewGuid(), IssuedAudit(), Case1, "agency-1", SocialCareRep, " ", Now);

        Assert.Equal(DomainErrorKind.Invalid, result.Error?.Kind);
    }

    [Fact]
    public void AWithdrawnAlertStaysOpenIsResentFromItsWithdrawalAndIsReraisedAsTheSameAlertWhoseResendsCountFromThen()
    {
        var audit = IssuedAudit();
        var ret = NewReturn(audit);
        var safety = ret.AllQuestions.Single(q => q.IsSafetyQuestion);
        ret.SaveSection(ret.Sections[^1].Id, [new AnswerInput(safety.Id, AnswerValue.Yes, "New bruise.")], 0, SocialCareRep, Now)
            .ValueOrThrow();
        var escalation = SafetyEscalation.RaiseFromReturn(Guid.NewGuid(), audit, ret, SocialCareRep, Now, Fingerprint).ValueOrThrow();

        Ok(escalation.Withdraw(Now.AddMinutes(5)));
        var twice = escalation.Withdraw(Now.AddMinutes(6));
        Assert.True(escalation.IsWithdrawn);
        Assert.Equal(DomainErrorKind.AlreadyDone, twice.Error?.Kind);
        Assert.Equal(Now.AddMinutes(5).AddHours(1), escalation.NextResendAt);
        Assert.False(escalation.IsResendDue(Now.AddHours(1)));
        Ok(escalation.RecordResend(Now.AddHours(2)));
        Assert.Equal(1, escalation.ResendCount);

        ret.SaveSection(ret.Sections[^1].Id, [new AnswerInput(safety.Id, AnswerValue.Yes, "Second bruise.")], 1, SocialCareRep, Now)
            .ValueOrThrow();
        Ok(escalation.Reraise(ret, Now.AddHours(5), Fingerprint));
        Assert.False(escalation.IsWithdrawn);
        Assert.Equal("Second bruise.", escalation.Details);
        Assert.Equal((1, 1, 1), (escalation.Withdrawals, escalation.Reraises, escalation.DetailsUpdates));
        Assert.Equal(Now.AddHours(6), escalation.NextResendAt);
        Assert.False(escalation.IsResendDue(Now.AddHours(6).AddMinutes(-1)));
        Assert.True(escalation.IsResendDue(Now.AddHours(6)));
        Ok(escalation.Acknowledge(Chair, Now.AddHours(5).AddMinutes(10)));
        Assert.False(escalation.IsWithdrawnAfterAcknowledgement);
    }

    [Fact]
    public void AnAcknowledgedAlertIsMarkedWithdrawnOnceAndKeepsItsAcknowledgement()
    {
        var escalation = Raise(IssuedAudit());
        Ok(escalation.Acknowledge(Chair, Now.AddMinutes(10)));

        Ok(escalation.Withdraw(Now.AddMinutes(20)));
        Assert.Equal(DomainErrorKind.AlreadyDone, escalation.Withdraw(Now.AddMinutes(21)).Error?.Kind);

        Assert.True(escalation.IsAcknowledged);
        Assert.Equal(Chair, escalation.AcknowledgedBy);
        Assert.Equal(Now.AddMinutes(20), escalation.WithdrawnAt);
        Assert.True(escalation.IsWithdrawnAfterAcknowledgement);
        Assert.Equal(1, escalation.Withdrawals);
        Assert.Null(escalation.NextResendAt);
    }
}

using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Audits;

public sealed class AuditLifecycle
{
    [Fact]
    public void RefusesToIssueWithoutCasesAgenciesOrDueDate()
    {
        var audit = DraftAudit();

        var result = audit.Issue(Now);

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Equal(
            "Before issuing this audit, please add at least one case; add at least one agency; set the returns due date.", result.Message);
        Assert.Equal(AuditStatus.Draft, audit.Status);
    }

    [Fact]
    public void RefusesToIssueWhileAnAgencyHasNoRepresentative()
    {
        var audit = ReadyAudit();
        audit.AddAgency(AgencyType.Police, "Police force").ValueOrThrow();

        var result = audit.Issue(Now);

        Assert.False(result.Succeeded);
        Assert.Contains("choose a representative for Police force", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuesWhenReadyAndOnlyOnce()
    {
        var audit = ReadyAudit();
        var version = audit.Version;

        Ok(audit.Issue(Now));
        var second = audit.Issue(Now);

        Assert.Equal(AuditStatus.Issued, audit.Status);
        Assert.Equal(Now, audit.IssuedAt);
        Assert.Equal(version + 1, audit.Version);
        Assert.Equal(DomainErrorKind.AlreadyDone, second.Error?.Kind);
    }

    [Fact]
    public void ListsExpectedReturnsFromAssignments()
    {
        var audit = IssuedAudit();

        var expected = audit.ExpectedReturns().Select(e => $"{e.Case.Reference}/{e.Agency.Id}");

        Assert.Equal(["NAI-2026-03-C1/agency-1", "NAI-2026-03-C1/agency-2", "NAI-2026-03-C2/agency-1"], expected);
    }

    [Fact]
    public void ExtendsDueDateOnlyLaterAndOnlyWhileIssued()
    {
        var draft = ReadyAudit();
        var audit = IssuedAudit();

        var earlier = audit.ExtendDueDate(DueAt.AddDays(-1), Now);
        Ok(audit.ExtendDueDate(DueAt.AddDays(7), Now));

        Assert.Equal(DomainErrorKind.Invalid, earlier.Error?.Kind);
        Assert.Equal(DueAt.AddDays(7), audit.ReturnsDueAt);
        Assert.Equal(DomainErrorKind.NotAllowed, draft.ExtendDueDate(DueAt.AddDays(7), Now).Error?.Kind);
    }

    [Fact]
    public void MovesTheWorkshopAfterTheDueDayAndNotOnceClosedAndExtendsOnlyBeforeIt()
    {
        var audit = IssuedAudit();
        var workshopDay = new DateOnly(2026, 4, 24);
        Ok(audit.RescheduleWorkshop(workshopDay, Now));
        var version = audit.Version;

        Assert.Equal(AuditDates.WorkshopOn(workshopDay), audit.WorkshopAt);
        Assert.Equal(DomainErrorKind.AlreadyDone, audit.RescheduleWorkshop(workshopDay, Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Invalid, audit.RescheduleWorkshop(new DateOnly(2026, 3, 20), Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Invalid, audit.RescheduleWorkshop(new DateOnly(2026, 3, 1), Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.Invalid, audit.ExtendDueDate(AuditDates.ReturnsDueOn(workshopDay), Now).Error?.Kind);
        Assert.Equal(version, audit.Version);
        Ok(audit.ExtendDueDate(AuditDates.ReturnsDueOn(workshopDay.AddDays(-1)), Now));

        Ok(audit.ReleaseForModeration(Now));
        Ok(audit.StartWorkshop());
        Ok(audit.RescheduleWorkshop(workshopDay.AddDays(7), Now));
        Ok(audit.Close(Now.AddDays(1)));
        Assert.Equal(DomainErrorKind.NotAllowed, audit.RescheduleWorkshop(workshopDay.AddDays(14), Now).Error?.Kind);
    }

    [Fact]
    public void MovesThroughTheLifecycleInOrder()
    {
        var audit = IssuedAudit();

        Assert.Equal(DomainErrorKind.NotAllowed, audit.StartWorkshop().Error?.Kind);
        Assert.False(audit.ReturnsReleased);
        Ok(audit.ReleaseForModeration(Now));
        Assert.True(audit.ReturnsReleased);
        Ok(audit.StartWorkshop());
        Ok(audit.StartBriefing());
        Ok(audit.StartMonitoring());
        Ok(audit.Close(Now.AddMonths(3)));

        Assert.Equal(AuditStatus.Closed, audit.Status);
        Assert.Equal(Now.AddMonths(3 + RetentionPolicy.DefaultMonths), audit.PurgeDueAt);
        Assert.Equal(DomainErrorKind.NotAllowed, audit.ScheduleWorkshop(Now).Error?.Kind);
    }

    [Fact]
    public void AdvancesOnlyForwardFromModerationOnceAStageAndNeverOnAClosedAudit()
    {
        var audit = IssuedAudit();

        var whileIssued = audit.AdvanceTo(AuditStatus.Workshop);
        Assert.Equal((DomainErrorKind.NotAllowed, AuditStatus.Issued), (whileIssued.Error?.Kind, audit.Status));
        Assert.False(audit.CanAdvanceTo(AuditStatus.Workshop));
        Ok(audit.ReleaseForModeration(Now));
        Assert.Equal(DomainErrorKind.Invalid, audit.AdvanceTo(AuditStatus.Closed).Error?.Kind);
        Assert.Equal(DomainErrorKind.Invalid, audit.AdvanceTo(AuditStatus.Issued).Error?.Kind);
        var version = audit.Version;

        var toWorkshop = audit.AdvanceTo(AuditStatus.Workshop);
        var again = audit.AdvanceTo(AuditStatus.Workshop);

        Assert.Equal((AuditStatus.Moderation, AuditStatus.Workshop, version + 1), (toWorkshop.Value, audit.Status, audit.Version));
        Assert.Equal((DomainErrorKind.AlreadyDone, version + 1), (again.Error?.Kind, audit.Version));

        // A later stage reached first (a briefing approved straight after moderation) is never undone by an earlier event.
        Assert.Equal(AuditStatus.Workshop, audit.AdvanceTo(AuditStatus.Monitoring).Value);
        var backwards = audit.AdvanceTo(AuditStatus.Briefing);
        Assert.Equal((DomainErrorKind.AlreadyDone, AuditStatus.Monitoring), (backwards.Error?.Kind, audit.Status));
        Assert.False(audit.CanAdvanceTo(AuditStatus.Briefing));

        Ok(audit.Close(Now.AddDays(1)));
        var closedVersion = audit.Version;
        foreach (var stage in new[] { AuditStatus.Workshop, AuditStatus.Briefing, AuditStatus.Monitoring })
        {
            Assert.Equal(DomainErrorKind.NotAllowed, audit.AdvanceTo(stage).Error?.Kind);
            Assert.False(audit.CanAdvanceTo(stage));
        }

        Assert.Equal((AuditStatus.Closed, closedVersion), (audit.Status, audit.Version));
    }

    [Fact]
    public void StepsThroughTheWorkshopWhenTheBriefingIsApprovedStraightAfterModeration()
    {
        var audit = IssuedAudit();
        Ok(audit.ReleaseForModeration(Now));

        Assert.True(audit.CanAdvanceTo(AuditStatus.Briefing));
        Assert.Equal(AuditStatus.Moderation, audit.AdvanceTo(AuditStatus.Briefing).Value);

        Assert.Equal(AuditStatus.Briefing, audit.Status);
        Assert.False(audit.CanAdvanceTo(AuditStatus.Workshop));
    }

    [Fact]
    public void NamesEachStageInWordsAChairUnderstands()
    {
        var draft = DraftAudit();
        var audit = IssuedAudit();
        var words = new List<string> { draft.StageInWords, audit.StageInWords };
        Ok(audit.ReleaseForModeration(Now));
        words.Add(audit.StageInWords);
        foreach (var stage in new[] { AuditStatus.Workshop, AuditStatus.Briefing, AuditStatus.Monitoring })
        {
            audit.AdvanceTo(stage).ValueOrThrow();
            words.Add(audit.StageInWords);
        }

        Ok(audit.Close(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        words.Add(audit.StageInWords);

        Assert.Equal(
        [
            "Draft, not yet issued", "Issued, returns being collected", "Returns released for moderation", "Workshop under way",
            "Briefing approved", "Monitoring the action plan", "Closed on 3 December 2026",
        ], words);
    }

    [Fact]
    public void ClosesOnceTheReturnsAreReleasedEvenIfNoWorkshopStageWasPressed()
    {
        var draft = DraftAudit();
        var audit = IssuedAudit();

        var fromDraft = draft.Close(Now);
        var fromIssued = audit.Close(Now);
        Ok(audit.ReleaseForModeration(Now));
        var version = audit.Version;
        Ok(audit.Close(Now.AddDays(1)));
        var again = audit.Close(Now.AddDays(2));

        Assert.Equal((DomainErrorKind.NotAllowed, DomainErrorKind.NotAllowed), (fromDraft.Error?.Kind, fromIssued.Error?.Kind));
        Assert.Equal("An audit can be closed only after its returns have been released for moderation.", fromIssued.Message);
        Assert.Equal((AuditStatus.Closed, Now.AddDays(1), version + 1), (audit.Status, audit.ClosedAt, audit.Version));
        Assert.Equal(DomainErrorKind.AlreadyDone, again.Error?.Kind);
        Assert.Equal(Now.AddDays(1), audit.ClosedAt);
    }

    [Fact]
    public void KeepsRetentionEditableAfterClosureAndLegalHoldStopsPurge()
    {
        var audit = IssuedAudit();
        Ok(audit.ReleaseForModeration(Now));
        Ok(audit.StartWorkshop());
        Ok(audit.Close(Now));

        Ok(audit.PlaceLegalHold());

        Assert.Null(audit.PurgeDueAt);
        Assert.Equal(DomainErrorKind.AlreadyDone, audit.PlaceLegalHold().Error?.Kind);
    }

    [Fact]
    public void AHoldThePartnershipPlacedIsReleasedOnlyByThePartnershipAndTheMinimumHoldsForOthers()
    {
        var audit = IssuedAudit();
        Ok(audit.PlaceLegalHold());
        Ok(audit.PlaceLegalHold(byPartnership: true));
        var version = audit.Version;

        var byChair = audit.ReleaseLegalHold();

        Assert.Equal((DomainErrorKind.NotAllowed, Audit.HeldByPartnershipMessage), (byChair.Error?.Kind, byChair.Message));
        Assert.Equal((true, true, version), (audit.Retention.LegalHold, audit.Retention.HeldByPartnership, audit.Version));
        Assert.Equal(DomainErrorKind.AlreadyDone, audit.PlaceLegalHold(byPartnership: true).Error?.Kind);
        Ok(audit.ReleaseLegalHold(byPartnership: true));
        Assert.Equal((false, false), (audit.Retention.LegalHold, audit.Retention.HeldByPartnership));

        Assert.Equal(DomainErrorKind.NotAllowed, audit.SetRetention(12, minimumMonths: 24).Error?.Kind);
        Ok(audit.SetRetention(6));
        Ok(audit.SetRetention(12, minimumMonths: 24));
        Assert.Equal(DomainErrorKind.NotAllowed, audit.SetRetention(8, minimumMonths: 24).Error?.Kind);
        Assert.Equal(12, audit.Retention.RetainForMonthsAfterClosure);
    }

    [Fact]
    public void IncrementsVersionOnEveryChangeButNotOnRefusal()
    {
        var audit = DraftAudit();
        var v = audit.Version;

        Ok(audit.AddCase(Case1, AgeBand.Under1));
        Ok(audit.RecordDataProtection("UK GDPR 6(1)(e) and 9(2)(h)", "DPIA-17", "ISA-2024-3"));
        Ok(audit.SetReminders(3));
        var duplicate = audit.AddCase(Case1, AgeBand.Under1);

        Assert.Equal(v + 3, audit.Version);
        Assert.Equal(DomainErrorKind.AlreadyDone, duplicate.Error?.Kind);
        Assert.Equal("DPIA-17", audit.DataProtection.DpiaReference);
        Assert.Equal(DueAt.AddDays(-3), ReadyWithReminders(3).ReminderAt);
    }

    [Fact]
    public void RefusesATitleCarryingAnIdentifier()
    {
        var result = Audit.Create(Guid.NewGuid(), "Audit for child at SW1A 1AA", "nai", Chair, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("postcode", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesUnknownTemplateAndScale()
    {
        Assert.Equal(DomainErrorKind.NotFound, Audit.Create(Guid.NewGuid(), "Audit", "nope", Chair, Now).Error?.Kind);
        Assert.Equal(DomainErrorKind.NotFound, Audit.Create(Guid.NewGuid(), "Audit", "nai", Chair, Now, "percent").Error?.Kind);
        Assert.Equal("rag", Audit.Create(Guid.NewGuid(), "Audit", "nai", Chair, Now, "rag").Value?.GradeScale.Key);
    }

    [Fact]
    public void RemovingACaseRemovesItFromAssignments()
    {
        var audit = ReadyAudit();

        Ok(audit.RemoveCase(Case1));

        Assert.Empty(audit.FindAgency("agency-2")!.AssignedCases!);
        Assert.Contains("assign at least one case to Primary school", audit.Issue(Now).Message, StringComparison.Ordinal);
    }

    private static Audit ReadyWithReminders(int days)
    {
        var audit = ReadyAudit();
        Ok(audit.SetReminders(days));
        return audit;
    }
}

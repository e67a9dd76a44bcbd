using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Operations;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The words of the card that tells a representative the returns' due date was extended, in the cases the end-to-end
/// scenario does not reach, and the kind the admins' failed-message card gives it.
/// </summary>
public sealed class DueDateExtendedCardText
{
    private static string Text(AdaptiveCard card) => AdaptiveCardJson.ToJsonElement(card).GetRawText();

    [Fact]
    public void SaysTheOldAndNewDatesAndHowManyReturnsAreStillToCome()
    {
        var audit = IssuedAudit();
        Ok(audit.ExtendDueDate(AuditDates.ReturnsDueOn(new DateOnly(2026, 4, 3)), Now));
        var submitted = CompletedReturn(audit);
        Ok(submitted.Submit(submitted.Version, SocialCareRep, Now));

        var one = Text(DueDateNotices.Card(audit, DueAt, [NewReturn(audit, "agency-2")]));
        var both = Text(DueDateNotices.Card(audit, DueAt, [NewReturn(audit), NewReturn(audit, caseReference: Case2)]));
        var half = Text(DueDateNotices.Card(audit, DueAt, [submitted, NewReturn(audit, caseReference: Case2)]));
        var noOld = Text(DueDateNotices.Card(audit, null, [NewReturn(audit, "agency-2")]));

        Assert.Contains("extended from 20 March 2026 at 17:00 GMT to 3 April 2026 at 17:00 BST", one, StringComparison.Ordinal);
        Assert.Contains("Your return has not been submitted yet.", one, StringComparison.Ordinal);
        Assert.Contains("Your 2 returns have not been submitted yet.", both, StringComparison.Ordinal);
        Assert.Contains("1 of your 2 returns has not been submitted yet.", half, StringComparison.Ordinal);
        Assert.Contains("are now due 3 April 2026", noOld, StringComparison.Ordinal);
        Assert.All(new[] { one, both, half, noOld }, t =>
        {
            Assert.Contains("NAI audit spring 2026", t, StringComparison.Ordinal);
            Assert.DoesNotContain(Case1.Value, t, StringComparison.Ordinal);
            Assert.DoesNotContain(Case2.Value, t, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TheAdminsReadWhatAFailedNoticeWas()
    {
        var auditId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
        var message = new OutboxMessage
        {
            Id = 1, TenantId = "tenant", Kind = default, ServiceUrl = "https://smba.example.org", PayloadJson = "{}",
            DedupeKey = $"audit:{auditId:D}:due-extended:7:rep-oid", Status = OutboxStatus.Failed, Attempts = 1,
            NextAttemptAt = Now, CreatedAt = Now, UpdatedAt = Now,
        };

        var kind = MessageKind.Of(message);

        Assert.Equal(("due-extended", auditId), (kind.Kind, kind.AuditId));
        Assert.Equal("a new returns due date to a representative", kind.Label);
    }
}

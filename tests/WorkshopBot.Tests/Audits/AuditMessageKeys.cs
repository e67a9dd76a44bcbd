using WorkshopBot.Audits.Teams;
using WorkshopBot.Operations;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The dedupe keys of the audit feature's outbox messages, exactly as the senders wrote them before <see cref="AuditMessageKey"/>
/// (copied from a run of the audit scenario: tools, a tool sent again after Teams refused it, reminders by hand and automatic,
/// the date notices, reopen request, decline and reopen notice, the tracker's post and update, the chair's report of tools not
/// delivered; and the forms stored before: a reopen request in whole seconds, a person named by a Teams id). Each reads back to
/// what it was built from, is built again character for character, and is labelled for the admins as it was. Anything else
/// starting "audit:" is not an audit message key, and reading it never throws.
/// </summary>
public sealed class AuditMessageKeys
{
    private static readonly Guid AuditId = Guid.Parse("2103ec2e-2490-f298-e282-df7e30d98645");
    private static readonly Guid ReturnId = Guid.Parse("2ae582c6-ec94-443c-8150-7190eeb62ba4");
    private const string Rep = "f43434ea-3e58-311e-c84f-96285e74ae17";
    private const string TeamsRep = "29:1xZk_teams-id:with-colons";

    private const string Audit = "audit:2103ec2e-2490-f298-e282-df7e30d98645";
    private const string Return = Audit + ":return:2ae582c6-ec94-443c-8150-7190eeb62ba4";

    private static readonly DateTimeOffset RequestedAt = new(2026, 3, 23, 18, 0, 0, TimeSpan.Zero);

    private static readonly string AutomaticRound = $"auto-{new DateTimeOffset(2026, 3, 25, 17, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}";

    /// <summary>Each stored key, the key as its sender builds it now, and the admins' kind of it.</summary>
    private static readonly (string Stored, AuditMessageKey Built, string AdminsKind)[] Keys =
    [
        ($"{Return}:tool:{Rep}", AuditMessageKey.Tool(AuditId, ReturnId, Rep), "audit-tool"),
        ($"{Return}:tool:{Rep}:again-after:6", AuditMessageKey.Tool(AuditId, ReturnId, Rep, againAfter: 6), "audit-tool"),
        ($"{Return}:tool:{TeamsRep}", AuditMessageKey.Tool(AuditId, ReturnId, TeamsRep), "audit-tool"),
        ($"{Return}:tool:{TeamsRep}:again-after:1234567", AuditMessageKey.Tool(AuditId, ReturnId, TeamsRep, 1234567), "audit-tool"),
        ($"{Return}:reminder:manual-1", AuditMessageKey.Reminder(AuditId, ReturnId, "manual-1"), "reminder"),
        ($"{Return}:reminder:auto-1774458000", AuditMessageKey.Reminder(AuditId, ReturnId, AutomaticRound), "reminder"),
        ($"{Return}:reopened:1", AuditMessageKey.Reopened(AuditId, ReturnId, 1), "return-reopen"),
        ($"{Return}:reopen-request:1774288800000", AuditMessageKey.ReopenRequest(AuditId, ReturnId, RequestedAt), "return-reopen"),
        ($"{Return}:reopen-declined:1774288800000", AuditMessageKey.ReopenDeclined(AuditId, ReturnId, RequestedAt), "return-reopen"),
        ($"{Audit}:due-extended:26:{Rep}", AuditMessageKey.Notice(AuditId, AuditMessageKind.DueExtended, 26, Rep), "due-extended"),
        ($"{Audit}:workshop-moved:27:{Rep}", AuditMessageKey.Notice(AuditId, AuditMessageKind.WorkshopMoved, 27, Rep), "workshop-moved"),
        ($"{Audit}:workshop-moved:3:{TeamsRep}", AuditMessageKey.Notice(AuditId, AuditMessageKind.WorkshopMoved, 3, TeamsRep),
            "workshop-moved"),
        ($"{Audit}:tracker:post", AuditMessageKey.TrackerPost(AuditId), "tracker"),
        ($"{Audit}:tracker:rev:1", AuditMessageKey.TrackerUpdate(AuditId, 1), "tracker"),
        ($"{Audit}:undelivered:6-11-15", AuditMessageKey.Undelivered(AuditId, [6, 11, 15]), "delivery-report"),
        ($"{Audit}:undelivered:42", AuditMessageKey.Undelivered(AuditId, [42]), "delivery-report"),

        // Written since the type: the chair told that an automatic round reached nobody.
        ($"{Audit}:nobody-reminded:auto-1774458000", AuditMessageKey.NobodyReminded(AuditId, AutomaticRound), "delivery-report"),

        // Written since: the chair told which agencies an automatic round that reminded others missed.
        ($"{Audit}:not-reminded:auto-1774458000", AuditMessageKey.NotReminded(AuditId, AutomaticRound), "delivery-report"),

        // Written since: a pending reopen request's copy to the chair the audit's second handover made.
        ($"{Return}:reopen-request:1774288800000:chair:2", AuditMessageKey.ReopenRequest(AuditId, ReturnId, RequestedAt, 2),
            "return-reopen"),
    ];

    public static TheoryData<string> Stored() => new(Keys.Select(k => k.Stored));

    [Theory]
    [MemberData(nameof(Stored))]
    public void AStoredKeyReadsBackToWhatItWasBuiltFromAndIsWrittenAgainAsStored(string stored)
    {
        var (_, expected, adminsKind) = Keys.Single(k => k.Stored == stored);

        var read = AuditMessageKey.Parse(stored);

        Assert.NotNull(read);
        Assert.Equal(stored, expected.ToString());
        Assert.Equal(expected, read);
        Assert.Equal(
            (expected.AuditId, expected.Kind, expected.ReturnId, expected.Person, expected.Round, expected.Number, expected.AgainAfter),
            (read.AuditId, read.Kind, read.ReturnId, read.Person, read.Round, read.Number, read.AgainAfter));
        Assert.Equal(expected.Handover, read.Handover);
        Assert.Equal(expected.Messages, read.Messages);
        Assert.Equal(stored, read.ToString());
        Assert.Equal((adminsKind, (Guid?)AuditId), Kinds(stored));
    }

    [Fact]
    public void AReopenRequestStoredInWholeSecondsStillReadsAsOne()
    {
        var stored = $"{Return}:reopen-request:1774288800";

        var read = AuditMessageKey.Parse(stored)!;

        Assert.Equal((AuditMessageKind.ReopenRequest, ReturnId, 1774288800L), (read.Kind, read.ReturnId!.Value, read.Number!.Value));
        Assert.Equal(stored, read.ToString());
        Assert.False(read.IsToRepresentative);
        Assert.Equal(("return-reopen", (Guid?)AuditId), Kinds(stored));
    }

    [Fact]
    public void TheCardsToARepresentativeAreTheOnesWithdrawnFromOneReplaced()
    {
        var toRepresentative = Keys.Select(k => AuditMessageKey.Parse(k.Stored)!).Where(k => k.IsToRepresentative)
            .Select(k => k.Word).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["due-extended", "reminder", "reopen-declined", "reopened", "tool", "workshop-moved"], toRepresentative);
    }

    [Fact]
    public void AKeyReadsToItsParts()
    {
        var again = AuditMessageKey.Parse($"{Return}:tool:{TeamsRep}:again-after:1234567")!;
        var notice = AuditMessageKey.Parse($"{Audit}:workshop-moved:3:{TeamsRep}")!;
        var report = AuditMessageKey.Parse($"{Audit}:undelivered:6-11-15")!;

        Assert.Equal((AuditMessageKind.Tool, ReturnId, TeamsRep, 1234567L),
            (again.Kind, again.ReturnId!.Value, again.Person, again.AgainAfter!.Value));
        Assert.Equal((AuditMessageKind.WorkshopMoved, (Guid?)null, TeamsRep, 3L),
            (notice.Kind, notice.ReturnId, notice.Person, notice.Number!.Value));
        Assert.Equal([6L, 11L, 15L], report.Messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("audit")]
    [InlineData("audit:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:")]
    [InlineData("audit:not-a-guid:tracker:post")]
    [InlineData("audit:2103EC2E-2490-F298-E282-DF7E30D98645:tracker:post")]
    [InlineData("audit:{2103ec2e-2490-f298-e282-df7e30d98645}:tracker:post")]
    [InlineData("Audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:post")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:issue")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:reminder:probe")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:rev")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:rev:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:rev:-1")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:rev:01")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:rev:1:2")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:tracker:post:again")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:undelivered:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:undelivered:6--11")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:undelivered:6-x")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:undelivered:99999999999999999999")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:due-extended:26")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:due-extended:26:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:due-extended:v26:rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:workshop-moved::rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:moved:26:rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tool")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tool:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tool::again-after:6")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tool:rep:again-after:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tool:rep:again-after:x")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:not-a-guid:tool:rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reminder:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reminder::rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reminder:manual-1:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopened:one")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopened:1:2")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen-request:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen:1")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen-request:1:chair:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen-request:1:chair:0")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen-request::chair:1")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopened:1:chair:1")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:reopen-request:1:handed-over")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:due-extended:1:rep")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:return:2ae582c6-ec94-443c-8150-7190eeb62ba4:tracker:post")]
    [InlineData("safety:2103ec2e-2490-f298-e282-df7e30d98645:rep:0")]
    [InlineData("actions:2103ec2e-2490-f298-e282-df7e30d98645:tracker:post")]
    [InlineData("briefing:2103ec2e2490f298e282df7e30d98645:remind:19:channel:1")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:nobody-reminded:")]
    [InlineData("audit:2103ec2e-2490-f298-e282-df7e30d98645:nobody-reminded:auto:1")]
    [InlineData("reply:activity:1")]
    public void AnythingElseIsNotAnAuditMessageKeyAndReadingItNeverThrows(string key)
    {
        Assert.Null(AuditMessageKey.Parse(key));
        var kind = MessageKind.Of(Message(key));
        Assert.NotEqual("audit-tool", kind.Kind);
    }

    [Fact]
    public void NullIsNotAnAuditMessageKey() => Assert.Null(AuditMessageKey.Parse(null));

    [Fact]
    public void AKeyThatCouldNotBeReadBackIsNeverBuilt()
    {
        Assert.Throws<ArgumentException>(() => AuditMessageKey.Reminder(AuditId, ReturnId, "manual:1"));
        Assert.Throws<ArgumentException>(() => AuditMessageKey.Reminder(AuditId, ReturnId, ""));
        Assert.Throws<ArgumentException>(() => AuditMessageKey.Tool(AuditId, ReturnId, ""));
        Assert.Throws<ArgumentException>(() => AuditMessageKey.Undelivered(AuditId, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditMessageKey.Notice(AuditId, AuditMessageKind.Tool, 1, Rep));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditMessageKey.ReopenRequest(AuditId, ReturnId, RequestedAt, 0));
    }

    private static (string Kind, Guid? AuditId) Kinds(string key)
    {
        var kind = MessageKind.Of(Message(key) with { CorrelationId = null });
        return (kind.Kind, kind.AuditId);
    }

    private static OutboxMessage Message(string key) => new()
    {
        Id = 1, TenantId = "tenant", Kind = OutboxKind.CreatePersonalConversation, ServiceUrl = "https://smba.example.org",
        PayloadJson = "{}", DedupeKey = key, Status = OutboxStatus.Failed, Attempts = 1,
        NextAttemptAt = RequestedAt, CreatedAt = RequestedAt, UpdatedAt = RequestedAt,
    };
}

using System.Text.Json;
using WorkshopBot.Audits;
using static WorkshopBot.Tests.Audits.AuditFixtures;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits;

/// <summary>Aggregates are stored as JSON documents, so every field must survive a round trip.</summary>
public sealed class AggregateJsonRoundTrip
{
    public static TheoryData<string> OptionSets() => new("default", "web");

    private static JsonSerializerOptions Options(string name) =>
        name == "web" ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions();

    private static T RoundTrip<T>(T value, JsonSerializerOptions options, out string json, out string jsonAgain)
    {
        json = JsonSerializer.Serialize(value, options);
        var copy = JsonSerializer.Deserialize<T>(json, options)!;
        jsonAgain = JsonSerializer.Serialize(copy, options);
        return copy;
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void AuditRoundTripsAndStillBehaves(string optionSet)
    {
        var audit = ReadyAudit();
        Ok(audit.RecordDataProtection("Public task", "DPIA-17", "ISA-3"));
        Ok(audit.SetLookBack(LookBackPeriod.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).ValueOrThrow()));
        Ok(audit.Issue(Now));
        Ok(audit.AssignRepresentative("agency-2", new PersonRef("school-rep-2-oid", "School Auditor 2")));

        var copy = RoundTrip(audit, Options(optionSet), out var json, out var jsonAgain);

        Assert.Equal(json, jsonAgain);
        Assert.Equal(audit.Version, copy.Version);
        Assert.Equal(AuditStatus.Issued, copy.Status);
        Assert.Equal(Case1, copy.Cases[0].Reference);
        Assert.Equal([Case1], copy.FindAgency("agency-2")!.AssignedCases!);
        Assert.Equal(audit.Questions.AllQuestions.Select(q => q.Id), copy.Questions.AllQuestions.Select(q => q.Id));
        Assert.Contains("\"Issued\"", json, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 12, 31), copy.LookBack.To);
        Assert.Equal("DPIA-17", copy.DataProtection.DpiaReference);
        Assert.Equal(["agency-2"], copy.AgenciesNoLongerRepresentedBy(SchoolRep));
        Ok(copy.ExtendDueDate(DueAt.AddDays(1), Now));
        Assert.Equal(audit.Version + 1, copy.Version);
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void AuditReturnRoundTripsAndStillBehaves(string optionSet)
    {
        var audit = IssuedAudit();
        var ret = CompletedReturn(audit);
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));
        Ok(ret.Reopen(audit, Chair, "Check grade.", Now));

        var copy = RoundTrip(ret, Options(optionSet), out var json, out var jsonAgain);

        Assert.Equal(json, jsonAgain);
        Assert.Equal(ret.Version, copy.Version);
        Assert.Equal(ret.Answers.Count, copy.Answers.Count);
        Assert.Equal(ret.AnswerTo("nai-s1-q1"), copy.AnswerTo("nai-s1-q1"));
        Assert.Equal("good", copy.GradeKey);
        Assert.Single(copy.Reopenings);
        Assert.Equal(DomainErrorKind.Stale, copy.Submit(ret.Version - 1, SocialCareRep, Now).Error?.Kind);
        Ok(copy.Submit(ret.Version, SocialCareRep, Now));
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void SafetyEscalationRoundTripsAndStillBehaves(string optionSet)
    {
        var escalation = SafetyEscalation.Raise(
            Guid.NewGuid(), IssuedAudit(), Case1, "agency-1", SocialCareRep, "Concern.", Now, TimeSpan.FromMinutes(45)).ValueOrThrow();
        Ok(escalation.RecordResend(Now.AddMinutes(45)));

        var copy = RoundTrip(escalation, Options(optionSet), out var json, out var jsonAgain);

        Assert.Equal(json, jsonAgain);
        Assert.Equal(TimeSpan.FromMinutes(45), copy.ResendAfter);
        Assert.Equal(1, copy.ResendCount);
        Assert.Equal(escalation.RoutedTo, copy.RoutedTo);
        Ok(copy.Acknowledge(Chair, Now.AddHours(1)));
    }

    [Fact]
    public void TrackerViewSerialises()
    {
        var view = ReturnsTracker.Build(IssuedAudit(), [], new ManualTimeProvider(Now));

        var json = JsonSerializer.Serialize(view);

        Assert.Contains("\"NotStarted\"", json, StringComparison.Ordinal);
    }
}

using System.Net;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>A chair runs a five-agency, three-case audit from creation to export, entirely through cards over HTTP.</summary>
public sealed class AuditFullFlow
{
    [Fact]
    public async Task ChairAndRepresentativesRunTheWholeAudit()
    {
        await using var s = await StartAsync();
        var host = s.Host;

        // Create.
        var auditId = await s.CreateAsync();
        var created = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        Assert.Equal(AuditStatus.Draft, created.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero), created.ReturnsDueAt);

        // Shape: add a police-only question to section 1, move it up, edit it, remove another.
        var section = created.Questions.Sections[0].Id;
        var policeQuestion = new SaveQuestionData(auditId, section, null,
            "Was the injury recorded on the police system within 24 hours?", null, "Police", "false");
        AssertHasText(await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, policeQuestion), "Question saved.");
        var added = (await s.Store.GetAuditAsync(auditId, default))!.Value.Questions.Sections[0].Questions[^1];
        Assert.Equal([AgencyType.Police], added.AppliesToAgencyTypes);
        await s.ExecuteAsync(Chair, QuestionsScreen.MoveQuestion, new MoveQuestionData(auditId, added.Id, -1));
        await s.ExecuteAsync(Chair, QuestionsScreen.SaveQuestion, policeQuestion with
        {
            QuestionId = added.Id,
            QuestionText = "Was the injury recorded on the police system within one working day?",
        });
        var removed = created.Questions.Sections[1].Questions[^1].Id;
        await s.ExecuteAsync(Chair, QuestionsScreen.RemoveQuestion, new QuestionRefData(auditId, removed));
        var shaped = (await s.Store.GetAuditAsync(auditId, default))!.Value;
        Assert.Equal(added.Id, shaped.Questions.Sections[0].Questions[^2].Id);
        Assert.Equal("Was the injury recorded on the police system within one working day?", shaped.Questions.FindQuestion(added.Id)!.Text);
        Assert.Null(shaped.Questions.FindQuestion(removed));

        // Cases and agencies, then issue.
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "13 audit tools are on the way to the representatives, in their chats with WorkshopBot.");
        Assert.True(await host.DrainOutboxAsync() >= 14);

        // Each representative received one tool per assigned case in their 1:1 chat.
        foreach (var (rep, type, _) in Agencies)
        {
            Assert.Equal(type == AgencyType.School ? 1 : 3, s.SentTo(rep, "Audit tool:").Count);
        }

        // Issuing again sends nothing twice.
        var before = host.Connector.Requests.Count;
        AssertHasText(await s.IssueAsync(), "Missing audit tools: 0 audit tools sent now; 13 already sent");
        await host.DrainOutboxAsync();
        Assert.Equal(before, host.Connector.Requests.Count);

        // The tracker was posted in the team channel.
        var trackerPost = host.Sent(Team.Id).Last(x => x.AllText.Contains("Returns tracker", StringComparison.Ordinal));
        Assert.Contains("Not started", trackerPost.AllText);

        // Reminder before the due date goes to non-responders only: the school submits first.
        await s.FillAndSubmitAsync(4, 0);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Get<AuditJobs>().RunOnceAsync(default);
        await host.DrainOutboxAsync();
        var trackerUpdates = host.Sent(Team.Id).Where(x => x.Method == "PUT").ToList();
        Assert.NotEmpty(trackerUpdates);
        Assert.Contains("Submitted", trackerUpdates[^1].AllText);

        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));
        var jobs = host.Get<AuditJobs>();
        var report = await jobs.RunOnceAsync(default);
        Assert.Equal(12, report.RemindersSent);
        await host.DrainOutboxAsync();
        Assert.Empty(s.SentTo(Agencies[4].Rep, "Reminder:"));
        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
        Assert.Contains($"Your return for {Agencies[0].Name} to the audit", s.SentTo(Agencies[0].Rep, "Reminder:")[0].AllText);
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);

        // On-demand reminder from the tracker.
        var remind = await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(auditId));
        AssertHasText(remind, "Reminder sent for 12 outstanding returns.");

        // Immediate concern: police answer yes; the chair and the named lead are alerted at once.
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await host.DrainOutboxAsync();
        var chairAlerts = s.SentTo(Chair, "Immediate safety concern");
        var leadAlerts = s.SentTo(Lead, "Immediate safety concern");
        Assert.Single(chairAlerts);
        Assert.Single(leadAlerts);
        Assert.Contains("agency's own safeguarding procedures", chairAlerts[0].AllText);

        // Not acknowledged within the hour: re-sent.
        s.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await jobs.RunOnceAsync(default)).AlertsResent);
        await host.DrainOutboxAsync();
        Assert.Equal(2, s.SentTo(Lead, "Immediate safety concern").Count);

        // The named lead acknowledges; no further re-sends.
        var escalation = (await host.Get<IDocumentStore>().ListAsync<SafetyEscalation>(AuditStore.Escalations)).Single().Value;
        var ack = await host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id));
        AssertHasText(ack, "Acknowledged by Police Named Lead");
        s.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).AlertsResent);

        // Everyone else submits; the tracker shows everything in.
        foreach (var (agency, c) in new[] { (0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2), (3, 0), (3, 1), (3, 2) })
        {
            await s.FillAndSubmitAsync(agency, c);
        }

        var tracker = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Tracker, new AuditRefData(auditId)));
        Assert.Contains("Every return is in.", tracker.GetRawText());

        // Reopen one return: logged and the representative told.
        var reopenTarget = await s.ReturnOfAsync(2, 1);
        var reopen = new ReopenData(auditId, reopenTarget.Id.ToString(), "Grade does not match the narrative.");
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Reopen, reopen), "The representative has been told.");
        await host.DrainOutboxAsync();
        Assert.NotEmpty(s.SentTo(Agencies[2].Rep, "was reopened"));
        Assert.Equal(ReturnStatus.Draft, (await s.ReturnOfAsync(2, 1)).Status);

        // Export: CSV and JSON links for the chair.
        var export = CardOf(await s.ExecuteAsync(Chair, ExportScreen.Export, new AuditRefData(auditId)));
        var urls = AllActions(export).Where(a => a.GetProperty("type").GetString() == "Action.OpenUrl")
            .Select(a => new Uri(a.GetProperty("url").GetString()!))
            .ToList();
        Assert.Equal(2, urls.Count);
        var csv = await host.Client.GetAsync(urls[0].AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"NAI-2026-03-C1\",\"County Police\"", csvText);
        var json = await host.Client.GetAsync(urls[1].AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Contains("Fathers were not seen or assessed.", await json.Content.ReadAsStringAsync());

        // The audit log holds who did what.
        var log = host.Get<IAuditLog>();
        var auditEvents = await log.ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        Assert.Contains(auditEvents, e => e.Action == "audit.created" && e.ActorId == Chair.AadObjectId);
        Assert.Contains(auditEvents, e => e.Action == "audit.issued");
        Assert.Contains(auditEvents, e => e.Action == "audit.exported");
        var escalationEvents = await log.ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        // The job's later check that the acknowledged alert reached the chair too is logged last.
        Assert.Equal(["safety.raised", "safety.resent", "safety.acknowledged", "safety.delivery-checked"],
            escalationEvents.Select(e => e.Action));
        Assert.Equal(Lead.AadObjectId, escalationEvents.Single(e => e.Action == "safety.acknowledged").ActorId);
        var reopenEvents = await log.ListAsync(AuditSubjects.Return, reopenTarget.Id.ToString("D"));
        Assert.Contains(reopenEvents, e => e.Action == "return.reopened" && e.ActorId == Chair.AadObjectId);
        Assert.Contains(reopenEvents, e => e.Action == "return.submitted");
    }
}

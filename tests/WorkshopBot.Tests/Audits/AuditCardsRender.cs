using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits;

/// <summary>Every card the audit feature sends, rendered with the largest realistic data, is valid and at most 28 KB.</summary>
[Collection(NodeToolsCollection.Name)]
public sealed class AuditCardsRender(NodeTools tools)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static string Text(int length) =>
        string.Concat(Enumerable.Repeat("Records show a timely strategy discussion and clear actions. ", (length / 60) + 1))[..length];

    /// <summary>Fifteen cases, twelve agencies with long names, a long question set.</summary>
    private static Audit BigAudit(bool issue, string title = "", string cases = "NAI-2026-03")
    {
        var chair = new PersonRef("chair-oid", new string('C', 200));
        title += new string('T', Audit.MaxTitleLength - title.Length);
        var audit = Audit.Create(Guid.NewGuid(), title, "nai", chair, Now).ValueOrThrow();
        for (var i = 1; i <= 15; i++)
        {
            AuditFixtures.Ok(audit.AddCase(CaseReference.Create($"{cases}-C{i}").ValueOrThrow(), AgeBand.Under1));
        }

        var types = Enum.GetValues<AgencyType>();
        for (var i = 0; i < 12; i++)
        {
            audit.AddAgency(types[i], $"Agency {i:D2} " + new string('N', AuditAgency.MaxNameLength - 10),
                new PersonRef($"rep-{i}", new string('R', 200)), new PersonRef($"lead-{i}", new string('L', 200))).ValueOrThrow();
        }

        var section = audit.Questions.Sections[0].Id;
        for (var i = 0; i < 8; i++)
        {
            var longest = new QuestionDraft(new string('Q', Question.MaxTextLength), new string('G', Question.MaxGuidanceLength));
            audit.AddQuestion(section, longest).ValueOrThrow();
        }

        AuditFixtures.Ok(audit.ScheduleReturnsDue(Now.AddDays(18), Now));
        var reference = Text(DataProtectionRecord.MaxLength);
        AuditFixtures.Ok(audit.RecordDataProtection(reference, reference, reference));
        if (issue)
        {
            AuditFixtures.Ok(audit.Issue(Now));
        }

        return audit;
    }

    private static AuditReturn FullReturn(Audit audit, bool submit)
    {
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, audit.Cases[0].Reference, "agency-1").ValueOrThrow();
        var by = audit.Agencies[0].Representative!;
        foreach (var s in ret.Sections)
        {
            var answers = s.Questions
                .Select(q => new AnswerInput(
                    q.Id, q.IsSafetyQuestion ? AnswerValue.Yes : AnswerValue.Partly, Text(FreeText.DefaultMaxLength)))
                .ToList();
            ret.SaveSection(s.Id, answers, ret.Version, by, Now).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput(Text(4000), Text(4000), Text(4000), "good"), ret.Version, by, Now).ValueOrThrow();
        if (submit)
        {
            AuditFixtures.Ok(ret.Submit(ret.Version, by, Now));
        }

        return ret;
    }

    private static Dictionary<string, AdaptiveCard> AllCards()
    {
        var draft = BigAudit(issue: false);
        var audit = BigAudit(issue: true);
        var ret = FullReturn(audit, submit: false);
        var submitted = FullReturn(audit, submit: true);
        var steps = ReturnSteps.Build(ret);
        var findings = new IdentifierScanner().Scan("Call 07700 900123 or email someone@example.org, postcode SW1A 1AA, NHS 943 476 5919")
            .Select(f => new FieldFinding("Narrative", f)).ToList();
        var unreachable = Enumerable.Range(0, 20).Select(i => new string('U', 200) + $" ({i})").ToList();
        var members = Enumerable.Range(0, 150)
            .Select(i => new TeamMember($"29:{i:D40}", Guid.NewGuid().ToString(), $"Member {i / 2} " + new string('M', 60))
            {
                // Guests in pairs of the same name, so each choice carries both marks at the longest domain shown.
                IsGuest = true, EmailDomain = new string('d', 36) + ".org",
            })
            .ToList();
        var released = BigAudit(issue: true);
        AuditFixtures.Ok(released.ReleaseForModeration(Now));
        var returns = new List<AuditReturn> { ret, submitted };

        // A representative's 30 returns: every case of two audits, each a line with its own button.
        var another = BigAudit(issue: true, cases: "NAI-2026-04");
        var mine = new[] { audit, another }.SelectMany(a => a.Cases.Select(c =>
            (a, AuditReturn.Create(Guid.NewGuid(), a, c.Reference, "agency-1").ValueOrThrow()))).ToList();
        var chaired = Enumerable.Range(1, 30).Select(i => BigAudit(issue: true, title: $"Audit {i:D2} ")).ToList();

        // The reopen form at the audit's limits: every (case, agency) pair of 15 cases and 12 agencies named with 150 characters.
        var everyReturn = audit.ExpectedReturns()
            .Select(p => AuditReturn.Create(Guid.NewGuid(), audit, p.Case.Reference, p.Agency.Id).ValueOrThrow()).ToList();
        Assert.Equal(Audit.MaxCases * Audit.MaxAgencies, everyReturn.Count);
        Assert.All(everyReturn, r => Assert.Equal(AuditAgency.MaxNameLength, r.AgencyName.Length));
        var view = ReturnsTracker.Build(audit, returns, new ManualTimeProvider(Now));
        var escalation = SafetyEscalation.RaiseFromReturn(Guid.NewGuid(), audit, ret, audit.Agencies[0].Representative!, Now,
            AuditFixtures.Fingerprint).ValueOrThrow();
        var withdrawn = SafetyEscalation.RaiseFromReturn(Guid.NewGuid(), audit, ret, audit.Agencies[0].Representative!, Now,
            AuditFixtures.Fingerprint).ValueOrThrow();
        AuditFixtures.Ok(withdrawn.Acknowledge(audit.Agencies[0].NamedLead!, Now.AddMinutes(5)));
        AuditFixtures.Ok(withdrawn.Withdraw(Now.AddMinutes(30)));
        var exportLink = new Uri("https://bot.example.org/api/exports/" + new string('x', 400));
        var jsonLink = new Uri("https://bot.example.org/api/exports/" + new string('y', 400));
        var open = CardKit.Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open");
        var form = new CreateAuditData(new string('T', 200), "nai", "rag", "12", "2026-03-20", "2026-03-27", "2");
        var section = draft.Questions.Sections[0];
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["create"] = CreateCard.Form(form, new string('E', 500)),
            ["dashboard-draft"] = DashboardCard.Dashboard(draft, null, new string('M', 500)),
            ["dashboard-issued"] =
                DashboardCard.Dashboard(audit, new DeliverySummary(150, 10, unreachable), new string('M', 500), Tone.Warning),
            ["dashboard-closable"] = DashboardCard.Dashboard(released, new DeliverySummary(150, 10, unreachable),
                new string('M', 500), Tone.Warning, Now),
            ["workshop-date-form"] = DashboardCard.WorkshopDateForm(audit, new DateOnly(2026, 3, 20), new string('E', 300)),
            ["questions"] = QuestionsCard.Questions(draft, section.Id, new string('M', 300)),
            ["question-form"] = QuestionsCard.Form(draft, section.Id, section.Questions[^1], null, findings, new string('E', 300)),
            ["cases"] = CasesCard.Cases(draft, "Case added.", Tone.Success),
            ["agencies-draft"] = AgenciesCard.Agencies(draft),
            ["agencies-issued"] = AgenciesCard.Agencies(audit),
            ["agency-people"] = AgenciesCard.People(draft, draft.Agencies[0], members, new string('E', 200)),
            ["tracker"] = TrackerCard.Tracker(audit, view, new DeliverySummary(150, 0, unreachable), Now, new string('M', 300)),
            ["reopen-form"] = TrackerCard.ReopenForm(audit, everyReturn, new string('E', 200)),
            ["reopen-form-agency"] = TrackerCard.ReopenForm(audit, everyReturn, new string('E', 200), audit.Agencies[0].Id),
            ["details-form-draft"] = DetailsCard.Form(draft, null, new string('E', 500)),
            ["details-form-issued"] = DetailsCard.Form(audit, null, new string('E', 500)),
            ["export"] = ExportCard.Links(audit, exportLink, jsonLink, Now),
            ["notice"] = NoticeCard.Create("Reminder", new string('N', 1000), Tone.Warning, open),
            ["list"] = DashboardCard.List("Audits you chair", chaired),
            ["overview"] = ReturnsCard.Overview(audit, ret, new string('M', 300)),
            ["summary"] = ReturnsCard.Summary(audit, ret, steps.First(s => s.IsSummary).Index, null, findings, new string('E', 300)),
            ["review"] = ReturnsCard.Review(audit, ReturnWithGaps(audit), new string('E', 300)),
            ["review-complete"] = ReturnsCard.Review(audit, ret),
            ["confirm-submit"] = ReturnsCard.ConfirmSubmit(audit, ret),
            ["read-only"] = ReturnsCard.ReadOnly(audit, submitted, new string('M', 300)),
            ["my-audits"] = ReturnsCard.MyAudits(mine),
            ["alert"] = SafetyCard.Alert(audit, escalation, new string('M', 200)),
            ["alert-withdrawn-after-acknowledgement"] = SafetyCard.Alert(audit, withdrawn, new string('M', 200)),
            ["alert-withdrawn-notice"] = SafetyCard.WithdrawnAfterAcknowledgement(audit, withdrawn),
            ["section-not-saved"] = NotSaved(audit, ret, 1, unsaved =>
                ReturnsCard.Section(audit, ret, 0, 0, message: new string('E', 300), unsaved: unsaved)),
            ["section-not-saved-long"] = NotSaved(audit, ret, 6, unsaved =>
                ReturnsCard.Section(audit, ret, 0, 0, message: new string('E', 300), unsaved: unsaved)),
            ["summary-not-saved"] = NotSaved(audit, ret, 3, unsaved =>
                ReturnsCard.Summary(audit, ret, steps.First(s => s.IsSummary).Index, message: new string('E', 300), unsaved: unsaved)),
            ["read-only-not-saved"] = NotSaved(audit, submitted, 6, unsaved =>
                ReturnsCard.Overview(audit, submitted, new string('E', 300), Tone.Error, unsaved)),
        };
        foreach (var step in steps.Where(s => !s.IsSummary))
        {
            for (var page = 0; page < ReturnSteps.Pages(ret, step.Section!).Count; page++)
            {
                cards[$"section-{step.Index}-page-{page}"] =
                    ReturnsCard.Section(audit, ret, step.Index, page, null, findings, new string('E', 300));
            }
        }

        return cards;
    }

    /// <summary>A card answering an older card, with this many long texts typed on it and not saved, as the screen sends it.</summary>
    private static AdaptiveCard NotSaved(Audit audit, AuditReturn ret, int typed, Func<IReadOnlyList<UnsavedText>, AdaptiveCard> card)
    {
        var unsaved = Enumerable.Range(1, typed).Select(i => new UnsavedText($"Question 1.{i}: Partly", Text(4000))).ToList();
        return ReturnsCard.Fitted(card(unsaved), audit, ret, new string('E', 300), unsaved, new ReturnRefData(audit.Id, ret.Id, 0));
    }

    private static AuditReturn ReturnWithGaps(Audit audit) =>
        AuditReturn.Create(Guid.NewGuid(), audit, audit.Cases[1].Reference, "agency-2").ValueOrThrow();

    /// <summary>An export link is a bearer link until it expires: the card asks not to forward it, never "for you only".</summary>
    [Fact]
    public void TheExportCardAsksNotToForwardItsLinks()
    {
        var json = WorkshopBot.Cards.AdaptiveCardJson.Serialize(AllCards()["export"]);

        Assert.Contains("Please do not forward these links", json, StringComparison.Ordinal);
        Assert.DoesNotContain("for you only", json, StringComparison.Ordinal);
    }

    /// <summary>A screen reader reads an input by its label: "Answer" six times on a page tells the questions apart by nothing.</summary>
    [Fact]
    public void NoAuditCardRepeatsAnInputLabel() => CardAccessibility.AssertLabelsUnique(AllCards());

    /// <summary>A screen reader reads a button by its title alone: a list of "Open" or "Remove" tells nothing apart.</summary>
    [Fact]
    public void NoAuditCardRepeatsAButtonTitle() => CardAccessibility.AssertActionTitlesUnique(AllCards());

    [Fact]
    public void EveryAuditCardIsValidAndAtMost28Kilobytes()
    {
        var cards = AllCards();

        var results = new CardValidator(tools).Validate(cards);

        Assert.All(results, r => Assert.True(r.Valid, r.ToString()));
        Assert.All(cards, c => CardSizeLimit.AssertFits(c.Value, c.Key));
        Assert.Contains(cards.Keys, k => k.EndsWith("page-1", StringComparison.Ordinal));
    }
}

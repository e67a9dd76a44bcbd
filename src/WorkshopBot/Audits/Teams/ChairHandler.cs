using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>What chairs do: set up, shape, issue and track an audit, reopen returns and export them.</summary>
public sealed class ChairHandler(
    AuditStore store,
    Roles roles,
    AuditTrail trail,
    FreeTextCheck privacy,
    AuditMessenger messenger,
    TrackerService tracker,
    AuditExports exports,
    IOptions<WorkshopBotOptions> botOptions,
    IOptions<AuditOptions> options,
    TimeProvider time,
    IIdGenerator ids)
{
    private const int MaxRosterPages = 10;

    public static PersonRef Person(TurnContext turn) => new(turn.UserKey, string.IsNullOrWhiteSpace(turn.UserName) ? "Unknown user" : turn.UserName);

    public static InvokeResponse Reply(AdaptiveCard card) =>
        new(200, AdaptiveCardInvokeResponse.Card(AdaptiveCardJson.ToJsonElement(card)));

    private static InvokeResponse Refuse(string title, string text) => Reply(ChairCards.Notice(title, text, Tone.Error));

    // ---- commands ----

    public async Task NewAuditCommandAsync(TurnContext turn, CancellationToken ct)
    {
        var card = roles.MayCreateAudits(turn.UserKey)
            ? ChairCards.CreateForm()
            : ChairCards.Notice("Only chairs create audits", "Ask your partnership admin to add you as an audit chair.", Tone.Error);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), ct).ConfigureAwait(false);
    }

    public async Task ReturnsCommandAsync(TurnContext turn, CancellationToken ct)
    {
        var me = Person(turn);
        var audits = (await store.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value)
            .Where(a => a.IsChair(me) || roles.IsAdmin(me.UserId)).OrderByDescending(a => a.CreatedAt).ToList();
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(ChairCards.List("Audits you chair", audits)), ct).ConfigureAwait(false);
    }

    // ---- create ----

    public async Task<InvokeResponse> CreateAsync(TurnContext turn, CreateAuditData data, CancellationToken ct)
    {
        if (!roles.MayCreateAudits(turn.UserKey))
        {
            return Refuse("Only chairs create audits", "Ask your partnership admin to add you as an audit chair. Nothing was created.");
        }

        var now = time.GetUtcNow();
        var chair = Person(turn);
        var created = Audit.Create(ids.NewId(), data.Title, data.TemplateKey, chair, now, data.GradeScaleKey);
        if (!created.Succeeded)
        {
            return Reply(ChairCards.CreateForm(data, created.Message));
        }

        var audit = created.Value!;
        var due = ChairCards.ParseDate(data.ReturnsDue);
        if (due is null)
        {
            return Reply(ChairCards.CreateForm(data, "Choose the date returns are due."));
        }

        var problems = new List<DomainResult>
        {
            audit.ScheduleReturnsDue(EndOfDay(due.Value), now),
        };
        if (!string.IsNullOrWhiteSpace(data.Theme))
        {
            problems.Add(audit.Rename(data.Title, data.Theme));
        }

        if (!string.IsNullOrWhiteSpace(data.LookBackMonths))
        {
            var months = ChairCards.ParseDouble(data.LookBackMonths);
            var period = months is { } m && m == Math.Floor(m) ? LookBackPeriod.OfMonths((int)m) : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, "The look-back period is a whole number of months.");
            problems.Add(period.Succeeded ? audit.SetLookBack(period.Value!) : DomainResult.Invalid(period.Message));
        }

        if (ChairCards.ParseDate(data.WorkshopDate) is { } workshop)
        {
            problems.Add(audit.ScheduleWorkshop(new DateTimeOffset(workshop.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero)));
        }
        else if (!string.IsNullOrWhiteSpace(data.WorkshopDate))
        {
            problems.Add(DomainResult.Invalid("The workshop date is not a date."));
        }

        if (!string.IsNullOrWhiteSpace(data.ReminderDays))
        {
            var days = ChairCards.ParseDouble(data.ReminderDays);
            problems.Add(days is { } d && d == Math.Floor(d) && d is >= 0 and <= 1000 ? audit.SetReminders((int)d) : DomainResult.Invalid("Reminder days is a whole number."));
        }

        if (problems.FirstOrDefault(p => !p.Succeeded) is { } failed)
        {
            return Reply(ChairCards.CreateForm(data, failed.Message));
        }

        await store.InsertAuditAsync(audit, ct).ConfigureAwait(false);
        await store.InsertChannelAsync(new AuditChannel
        {
            AuditId = audit.Id,
            ServiceUrl = turn.ServiceUrl,
            TenantId = turn.Activity.GetTenantId() ?? string.Empty,
            ConversationId = ConversationTracker.KeyOf(turn.Activity),
            ChairTeamsId = turn.Activity.From?.Id,
            TeamsIds = turn.Activity.From?.Id is { } fromId ? new(StringComparer.OrdinalIgnoreCase) { [chair.UserId] = fromId } : new(StringComparer.OrdinalIgnoreCase),
        }, ct).ConfigureAwait(false);
        await trail.RecordAsync(chair, "audit.created", AuditSubjects.Audit, audit.Id, new { audit.Title, audit.TemplateKey, scale = audit.GradeScale.Key, audit.ReturnsDueAt }, ct).ConfigureAwait(false);
        return Reply(ChairCards.Dashboard(audit, message: "Audit created. Next: shape the questions, add cases and agencies.", tone: Tone.Success));
    }

    private static DateTimeOffset EndOfDay(DateOnly date) => new(date.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);

    // ---- dashboard and question set ----

    public Task<InvokeResponse> DashboardAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, _) =>
        {
            var channel = (await store.GetChannelAsync(doc.Value.Id, ct).ConfigureAwait(false))?.Value;
            var delivery = channel is null ? null : await tracker.DeliveryAsync(doc.Value, channel, ct).ConfigureAwait(false);
            return Reply(ChairCards.Dashboard(doc.Value, delivery));
        }, ct);

    public Task<InvokeResponse> QuestionsAsync(TurnContext turn, QuestionsData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, (doc, _) => Task.FromResult(Reply(ChairCards.Questions(doc.Value, data.SectionId))), ct);

    public Task<InvokeResponse> EditQuestionAsync(TurnContext turn, EditQuestionData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, (doc, _) =>
        {
            var audit = doc.Value;
            if (audit.Questions.FindSection(data.SectionId) is null)
            {
                return Task.FromResult(Reply(ChairCards.Questions(audit, null, $"There is no section \"{data.SectionId}\" in this audit tool.", Tone.Error)));
            }

            var existing = data.QuestionId is null ? null : audit.Questions.FindQuestion(data.QuestionId);
            return Task.FromResult(data.QuestionId is not null && existing is null
                ? Reply(ChairCards.Questions(audit, data.SectionId, $"There is no question \"{data.QuestionId}\" in this audit tool.", Tone.Error))
                : Reply(ChairCards.QuestionForm(audit, data.SectionId, existing)));
        }, ct);

    public Task<InvokeResponse> SaveQuestionAsync(TurnContext turn, SaveQuestionData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var audit = doc.Value;
            var existing = data.QuestionId is null ? null : audit.Questions.FindQuestion(data.QuestionId);
            var types = new List<AgencyType>();
            foreach (var part in (data.AgencyTypes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<AgencyType>(part, ignoreCase: false, out var t) || !Enum.IsDefined(t))
                {
                    return Reply(ChairCards.QuestionForm(audit, data.SectionId, existing, data, message: $"\"{part}\" is not an agency type."));
                }

                types.Add(t);
            }

            var findings = privacy.Scan(("Question", data.QuestionText), ("Guidance", data.Guidance));
            if (findings.Count > 0 && !data.ConfirmNotIdentifying)
            {
                return Reply(ChairCards.QuestionForm(audit, data.SectionId, existing, data, findings));
            }

            var draft = new QuestionDraft(data.QuestionText ?? string.Empty, data.Guidance, existing?.Themes, types, string.Equals(data.IsSafety, "true", StringComparison.OrdinalIgnoreCase));
            var result = data.QuestionId is null
                ? ToResult(audit.AddQuestion(data.SectionId, draft))
                : audit.EditQuestion(data.QuestionId, draft);
            if (!result.Succeeded)
            {
                return result.Error!.Kind == DomainErrorKind.Invalid
                    ? Reply(ChairCards.QuestionForm(audit, data.SectionId, existing, data, message: result.Message))
                    : Reply(ChairCards.Questions(audit, data.SectionId, result.Message, Tone.Error));
            }

            return await SaveAsync(doc, me, data.QuestionId is null ? "audit.question.added" : "audit.question.edited", new { section = data.SectionId, question = data.QuestionId, confirmedNotIdentifying = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null },
                a => ChairCards.Questions(a, data.SectionId, "Question saved.", Tone.Success), ct).ConfigureAwait(false);
        }, ct);

    public Task<InvokeResponse> RemoveQuestionAsync(TurnContext turn, QuestionRefData data, CancellationToken ct) =>
        ChangeAsync(turn, data.AuditId, a => a.RemoveQuestion(data.QuestionId), "audit.question.removed", new { question = data.QuestionId },
            (a, msg, tone) => ChairCards.Questions(a, a.Questions.SectionOf(data.QuestionId)?.Id, msg ?? "Question removed.", tone), ct);

    public Task<InvokeResponse> MoveQuestionAsync(TurnContext turn, MoveQuestionData data, CancellationToken ct) =>
        ChangeAsync(turn, data.AuditId, a =>
        {
            var section = a.Questions.SectionOf(data.QuestionId);
            if (section is null)
            {
                return DomainResult.NotFound($"There is no question \"{data.QuestionId}\" in this audit tool.");
            }

            var index = section.Questions.ToList().FindIndex(q => q.Id == data.QuestionId);
            return a.MoveQuestion(data.QuestionId, index + Math.Sign(data.Offset));
        }, "audit.question.moved", new { question = data.QuestionId, data.Offset },
            (a, msg, tone) => ChairCards.Questions(a, a.Questions.SectionOf(data.QuestionId)?.Id, msg, tone), ct);

    public Task<InvokeResponse> AddSectionAsync(TurnContext turn, AddSectionData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var findings = privacy.Scan(("Section title", data.SectionTitle));
            if (findings.Count > 0 && !data.ConfirmNotIdentifying)
            {
                return Reply(ChairCards.Questions(doc.Value, null, "The section title may contain personal information: " + string.Join("; ", findings.Select(f => f.Finding.Message)) + " Nothing was added.", Tone.Error));
            }

            var added = doc.Value.AddSection(data.SectionTitle);
            return !added.Succeeded
                ? Reply(ChairCards.Questions(doc.Value, null, added.Message, Tone.Error))
                : await SaveAsync(doc, me, "audit.section.added", new { section = added.Value!.Id, confirmedNotIdentifying = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null }, a => ChairCards.Questions(a, added.Value.Id, "Section added.", Tone.Success), ct).ConfigureAwait(false);
        }, ct);

    // ---- cases ----

    public Task<InvokeResponse> CasesAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, (doc, _) => Task.FromResult(Reply(ChairCards.Cases(doc.Value))), ct);

    public Task<InvokeResponse> AddCaseAsync(TurnContext turn, AddCaseData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var reference = CaseReference.Create(data.CaseReference);
            var band = AgeBands.Parse(data.AgeBand);
            var error = !reference.Succeeded ? reference.Message : !band.Succeeded ? band.Message : null;
            var result = error is null ? doc.Value.AddCase(reference.Value!, band.Value) : DomainResult.Invalid(error);
            return !result.Succeeded
                ? Reply(ChairCards.Cases(doc.Value, result.Message + " Nothing was added.", Tone.Error, data))
                : await SaveAsync(doc, me, "audit.case.added", new { caseReference = reference.Value!.Value, ageBand = band.Value }, a => ChairCards.Cases(a, $"Case {reference.Value} added.", Tone.Success), ct).ConfigureAwait(false);
        }, ct);

    public Task<InvokeResponse> RemoveCaseAsync(TurnContext turn, CaseRefData data, CancellationToken ct) =>
        ChangeAsync(turn, data.AuditId, a =>
        {
            var reference = CaseReference.Create(data.CaseReference);
            return reference.Succeeded ? a.RemoveCase(reference.Value!) : DomainResult.NotFound($"Case {data.CaseReference} is not in this audit.");
        }, "audit.case.removed", new { caseReference = data.CaseReference }, (a, msg, tone) => ChairCards.Cases(a, msg ?? "Case removed.", tone), ct);

    // ---- agencies ----

    public Task<InvokeResponse> AgenciesAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, (doc, _) => Task.FromResult(Reply(ChairCards.Agencies(doc.Value))), ct);

    public Task<InvokeResponse> AddAgencyAsync(TurnContext turn, AddAgencyData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            if (!Enum.TryParse<AgencyType>(data.AgencyType, ignoreCase: false, out var type) || !Enum.IsDefined(type))
            {
                return Reply(ChairCards.Agencies(doc.Value, "Choose an agency type. Nothing was added.", Tone.Error));
            }

            var added = doc.Value.AddAgency(type, data.AgencyName);
            return !added.Succeeded
                ? Reply(ChairCards.Agencies(doc.Value, added.Message, Tone.Error))
                : await SaveAsync(doc, me, "audit.agency.added", new { agency = added.Value!.Id, added.Value.Name, type }, a => ChairCards.Agencies(a, $"{added.Value.Name} added. Now choose its representative.", Tone.Success), ct).ConfigureAwait(false);
        }, ct);

    public Task<InvokeResponse> RemoveAgencyAsync(TurnContext turn, AgencyRefData data, CancellationToken ct) =>
        ChangeAsync(turn, data.AuditId, a => a.RemoveAgency(data.AgencyId), "audit.agency.removed", new { agency = data.AgencyId },
            (a, msg, tone) => ChairCards.Agencies(a, msg ?? "Agency removed.", tone), ct);

    public Task<InvokeResponse> AgencyPeopleAsync(TurnContext turn, AgencyRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, _) =>
        {
            var agency = doc.Value.FindAgency(data.AgencyId);
            if (agency is null)
            {
                return Reply(ChairCards.Agencies(doc.Value, $"There is no agency \"{data.AgencyId}\" in this audit.", Tone.Error));
            }

            var members = await RosterAsync(turn, ct).ConfigureAwait(false);
            return Reply(ChairCards.AgencyPeople(doc.Value, agency, members));
        }, ct);

    /// <summary>Everyone in the conversation where the chair works, page by page.</summary>
    private static async Task<IReadOnlyList<TeamMember>> RosterAsync(TurnContext turn, CancellationToken ct)
    {
        var members = new List<TeamMember>();
        string? token = null;
        for (var page = 0; page < MaxRosterPages; page++)
        {
            var result = await turn.Connector.GetPagedMembersAsync(turn.ServiceUrl, ConversationTracker.KeyOf(turn.Activity), 100, token, ct).ConfigureAwait(false);
            members.AddRange(result.Members.Select(ToMember));
            token = result.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        return members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static TeamMember ToMember(TeamsChannelAccount m) => new(m.Id, m.AadObjectId ?? m.Id, string.IsNullOrWhiteSpace(m.Name) ? m.Id : m.Name);

    public Task<InvokeResponse> SaveAgencyPeopleAsync(TurnContext turn, AgencyPeopleData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var audit = doc.Value;
            var agency = audit.FindAgency(data.AgencyId);
            if (agency is null)
            {
                return Reply(ChairCards.Agencies(audit, $"There is no agency \"{data.AgencyId}\" in this audit.", Tone.Error));
            }

            var rep = await MemberAsync(turn, data.Representative, ct).ConfigureAwait(false);
            var lead = string.IsNullOrWhiteSpace(data.NamedLead) ? null : await MemberAsync(turn, data.NamedLead, ct).ConfigureAwait(false);
            if (rep is null || (!string.IsNullOrWhiteSpace(data.NamedLead) && lead is null))
            {
                var members = await RosterAsync(turn, ct).ConfigureAwait(false);
                return Reply(ChairCards.AgencyPeople(audit, agency, members, "Choose people who are members of this team. Nothing was changed."));
            }

            List<CaseReference>? cases = null;
            if (!string.IsNullOrWhiteSpace(data.AssignedCases))
            {
                cases = [];
                foreach (var text in data.AssignedCases.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var reference = CaseReference.Create(text);
                    if (!reference.Succeeded || audit.FindCase(reference.Value) is null)
                    {
                        return Reply(ChairCards.Agencies(audit, $"Case {text} is not in this audit. Nothing was changed.", Tone.Error));
                    }

                    cases.Add(reference.Value!);
                }
            }

            var result = audit.AssignRepresentative(agency.Id, new PersonRef(rep.UserKey, rep.Name));
            if (result.Succeeded)
            {
                result = audit.SetNamedLead(agency.Id, lead is null ? null : new PersonRef(lead.UserKey, lead.Name));
            }

            if (result.Succeeded && audit.Status == AuditStatus.Draft && (cases is not null || agency.AssignedCases is not null))
            {
                result = audit.AssignCases(agency.Id, cases);
            }

            if (!result.Succeeded)
            {
                return Reply(ChairCards.Agencies(await ReloadAsync(audit.Id, ct).ConfigureAwait(false), result.Message + " Nothing was changed.", Tone.Error));
            }

            var response = await SaveAsync(doc, me, "audit.agency.people", new { agency = agency.Id, representative = rep.Name, namedLead = lead?.Name, cases = cases?.Select(c => c.Value) },
                a => ChairCards.Agencies(a, $"{agency.Name}: people and cases saved.", Tone.Success), ct).ConfigureAwait(false);
            await store.ChangeChannelAsync(audit.Id, c =>
            {
                var ids = new Dictionary<string, string>(c.TeamsIds, StringComparer.OrdinalIgnoreCase) { [rep.UserKey] = rep.TeamsId };
                if (lead is not null)
                {
                    ids[lead.UserKey] = lead.TeamsId;
                }

                return c with { TeamsIds = ids };
            }, ct).ConfigureAwait(false);
            return response;
        }, ct);

    private static async Task<TeamMember?> MemberAsync(TurnContext turn, string? teamsId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(teamsId))
        {
            return null;
        }

        try
        {
            return ToMember(await turn.Connector.GetMemberAsync(turn.ServiceUrl, ConversationTracker.KeyOf(turn.Activity), teamsId, ct).ConfigureAwait(false));
        }
        catch (ConnectorException)
        {
            // Not a member of this conversation (or a forged id): treated as no choice.
            return null;
        }
    }

    // ---- issue ----

    public Task<InvokeResponse> IssueAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var audit = doc.Value;
            var firstIssue = audit.Status == AuditStatus.Draft;
            if (firstIssue)
            {
                var issued = audit.Issue(time.GetUtcNow());
                if (!issued.Succeeded)
                {
                    return Reply(ChairCards.Dashboard(audit, message: issued.Message, tone: Tone.Error));
                }

                if (!await store.UpdateAuditAsync(doc, ct).ConfigureAwait(false))
                {
                    return Reply(ChairCards.Dashboard(await ReloadAsync(audit.Id, ct).ConfigureAwait(false), message: "Someone else changed this audit at the same time. Check it and issue again.", tone: Tone.Error));
                }

                await trail.RecordAsync(me, "audit.issued", AuditSubjects.Audit, audit.Id, new { returns = audit.ExpectedReturns().Count }, ct).ConfigureAwait(false);
            }
            else if (audit.Status != AuditStatus.Issued)
            {
                return Reply(ChairCards.Dashboard(audit, message: "Audit tools can be sent only while returns are being collected.", tone: Tone.Error));
            }

            var (queued, unreachable) = await DeliverToolsAsync(audit, ct).ConfigureAwait(false);
            await tracker.PostAsync(audit, ct).ConfigureAwait(false);
            var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))!.Value;
            var delivery = await tracker.DeliveryAsync(audit, channel, ct).ConfigureAwait(false);
            var message = (firstIssue ? "Audit issued. " : "Issued again: only tools not already sent are sent. ")
                + $"{queued} audit tool(s) queued for delivery."
                + (unreachable.Count > 0 ? $" Could not reach: {string.Join(", ", unreachable)}." : string.Empty);
            return Reply(ChairCards.Dashboard(audit, delivery, message, unreachable.Count > 0 ? Tone.Warning : Tone.Success));
        }, ct);

    /// <summary>Creates any missing returns and queues one tool per (case, agency); the dedupe key makes it idempotent.</summary>
    private async Task<(int Queued, List<string> Unreachable)> DeliverToolsAsync(Audit audit, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))!.Value;
        var existing = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        var queued = 0;
        var unreachable = new List<string>();
        foreach (var (auditCase, agency) in audit.ExpectedReturns())
        {
            var ret = existing.FirstOrDefault(r => r.AgencyId == agency.Id && r.CaseReference == auditCase.Reference);
            if (ret is null)
            {
                ret = AuditReturn.Create(ids.NewId(), audit, auditCase.Reference, agency.Id).ValueOrThrow();
                await store.InsertReturnAsync(ret, ct).ConfigureAwait(false);
            }

            var sent = await messenger.SendToPersonAsync(channel, agency.Representative!, ReturnCards.Overview(audit, ret),
                // Keyed by representative too: after a change of representative, issuing again reaches the new one.
                $"audit:{audit.Id:D}:return:{ret.Id:D}:tool:{agency.Representative!.UserId}", AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false);
            if (sent is null)
            {
                unreachable.Add($"{agency.Representative!.DisplayName} ({agency.Name})");
            }
            else
            {
                queued++;
            }
        }

        var names = unreachable.Distinct().ToList();
        await store.ChangeChannelAsync(audit.Id, c => c with { NoTeamsId = names }, ct).ConfigureAwait(false);
        return (queued, names);
    }

    // ---- tracker, reminders, due date, reopen, export ----

    public Task<InvokeResponse> TrackerAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, _) => Reply(await tracker.CardAsync(doc.Value, null, Tone.Info, ct).ConfigureAwait(false)), ct);

    public Task<InvokeResponse> RemindAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            if (doc.Value.Status != AuditStatus.Issued)
            {
                return Reply(await tracker.CardAsync(doc.Value, "Reminders can be sent only while returns are being collected.", Tone.Error, ct).ConfigureAwait(false));
            }

            var channel = await store.ChangeChannelAsync(doc.Value.Id, c => c with { ManualReminders = c.ManualReminders + 1 }, ct).ConfigureAwait(false);
            var sent = await SendRemindersAsync(doc.Value, $"manual-{channel!.ManualReminders}", ct).ConfigureAwait(false);
            await trail.RecordAsync(me, "audit.reminded", AuditSubjects.Audit, doc.Value.Id, new { sent, automatic = false }, ct).ConfigureAwait(false);
            return Reply(await tracker.CardAsync(doc.Value, sent == 0 ? "Nobody needed a reminder." : $"Reminder sent for {sent} outstanding return(s).", Tone.Success, ct).ConfigureAwait(false));
        }, ct);

    /// <summary>Reminds the representative of every return not yet submitted. Returns how many were queued.</summary>
    public async Task<int> SendRemindersAsync(Audit audit, string round, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var ret in (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).Where(r => !r.IsReadOnly))
        {
            var rep = audit.FindAgency(ret.AgencyId)?.Representative;
            if (rep is null)
            {
                continue;
            }

            var card = ChairCards.Notice($"Reminder: case {ret.CaseReference}",
                $"Your {ret.AgencyName} return for \"{audit.Title}\" is due {CardKit.DateTime(audit.ReturnsDueAt)} and has not been submitted yet.",
                Tone.Warning, CardKit.Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool", ActionStyle.Positive));
            if (await messenger.SendToPersonAsync(channel, rep, card, $"audit:{audit.Id:D}:return:{ret.Id:D}:reminder:{round}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false) is not null)
            {
                count++;
            }
        }

        return count;
    }

    public Task<InvokeResponse> ExtendDueAsync(TurnContext turn, ExtendDueData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var date = ChairCards.ParseDate(data.NewDueDate);
            var result = date is null ? DomainResult.Invalid("Choose the new due date.") : doc.Value.ExtendDueDate(EndOfDay(date.Value), time.GetUtcNow());
            if (!result.Succeeded)
            {
                return Reply(await tracker.CardAsync(doc.Value, result.Message, Tone.Error, ct).ConfigureAwait(false));
            }

            if (!await store.UpdateAuditAsync(doc, ct).ConfigureAwait(false))
            {
                return Reply(await tracker.CardAsync(await ReloadAsync(doc.Value.Id, ct).ConfigureAwait(false), "Someone else changed this audit at the same moment. Nothing was changed; please try again.", Tone.Error, ct).ConfigureAwait(false));
            }

            await trail.RecordAsync(me, "audit.due-extended", AuditSubjects.Audit, doc.Value.Id, new { dueAt = doc.Value.ReturnsDueAt }, ct).ConfigureAwait(false);
            await tracker.RefreshAsync(doc.Value.Id, ct).ConfigureAwait(false);
            return Reply(await tracker.CardAsync(doc.Value, $"Returns are now due {CardKit.DateTime(doc.Value.ReturnsDueAt)}.", Tone.Success, ct).ConfigureAwait(false));
        }, ct);

    public Task<InvokeResponse> ReopenFormAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, _) => Reply(ChairCards.ReopenForm(doc.Value, await SubmittedAsync(doc.Value.Id, ct).ConfigureAwait(false))), ct);

    private async Task<IReadOnlyList<AuditReturn>> SubmittedAsync(Guid auditId, CancellationToken ct) =>
        (await store.ListReturnsAsync(auditId, ct).ConfigureAwait(false)).Select(r => r.Value).Where(r => r.IsReadOnly).ToList();

    public Task<InvokeResponse> ReopenAsync(TurnContext turn, ReopenData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var audit = doc.Value;
            var retDoc = Guid.TryParse(data.ReturnId, out var returnId) ? await store.GetReturnAsync(returnId, ct).ConfigureAwait(false) : null;
            if (retDoc is null || retDoc.Value.AuditId != audit.Id)
            {
                return Reply(ChairCards.ReopenForm(audit, await SubmittedAsync(audit.Id, ct).ConfigureAwait(false), "That return is not part of this audit. Nothing was changed."));
            }

            var findings = privacy.Scan(("Reason", data.Reason));
            if (findings.Count > 0)
            {
                return Reply(ChairCards.ReopenForm(audit, await SubmittedAsync(audit.Id, ct).ConfigureAwait(false), "The reason may contain personal information (" + string.Join("; ", findings.Select(f => f.Finding.Message)) + "). Please reword it."));
            }

            // The domain checks the chair by person; an admin reopens on the chair's authority.
            var actor = audit.IsChair(me) ? me : audit.Chair;
            var result = retDoc.Value.Reopen(audit, actor, data.Reason, time.GetUtcNow());
            if (!result.Succeeded)
            {
                return Reply(ChairCards.ReopenForm(audit, await SubmittedAsync(audit.Id, ct).ConfigureAwait(false), result.Message));
            }

            if (!await store.UpdateReturnAsync(retDoc, ct).ConfigureAwait(false))
            {
                return Reply(ChairCards.ReopenForm(audit, await SubmittedAsync(audit.Id, ct).ConfigureAwait(false), "The return changed at the same moment. Try again."));
            }

            var ret = retDoc.Value;
            await trail.RecordAsync(me, "return.reopened", AuditSubjects.Return, ret.Id, new { auditId = audit.Id, caseReference = ret.CaseReference.Value, agency = ret.AgencyName, reason = ret.Reopenings[^1].Reason }, ct).ConfigureAwait(false);
            var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))!.Value;
            var rep = audit.FindAgency(ret.AgencyId)?.Representative;
            var told = rep is not null && await messenger.SendToPersonAsync(channel, rep,
                ChairCards.Notice($"Your return for case {ret.CaseReference} was reopened", $"{me.DisplayName} reopened it for correction: {ret.Reopenings[^1].Reason}", Tone.Warning,
                    CardKit.Go(AuditVerbs.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool", ActionStyle.Positive)),
                $"audit:{audit.Id:D}:return:{ret.Id:D}:reopened:{ret.Reopenings.Count}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false) is not null;
            await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            return Reply(await tracker.CardAsync(audit, $"Return reopened ({ret.AgencyName}, case {ret.CaseReference})." + (told ? " The representative has been told." : " The representative could not be reached in Teams: please tell them."), told ? Tone.Success : Tone.Warning, ct).ConfigureAwait(false));
        }, ct);

    public Task<InvokeResponse> ExportAsync(TurnContext turn, AuditRefData data, CancellationToken ct) =>
        AsChairAsync(turn, data.AuditId, async (doc, me) =>
        {
            var baseUrl = botOptions.Value.PublicBaseUrl;
            if (string.IsNullOrWhiteSpace(baseUrl))
            {
                return Reply(ChairCards.Notice("Export is not set up", "Download links need WorkshopBot:PublicBaseUrl to be configured. Ask your administrator.", Tone.Error));
            }

            var expires = time.GetUtcNow() + options.Value.ExportLinkLifetime;
            var csv = await exports.CreateTokenAsync(new ExportGrant(doc.Value.Id, AuditExports.Csv, me.UserId, expires), ct).ConfigureAwait(false);
            var json = await exports.CreateTokenAsync(new ExportGrant(doc.Value.Id, AuditExports.Json, me.UserId, expires), ct).ConfigureAwait(false);
            await trail.RecordAsync(me, "audit.export-offered", AuditSubjects.Audit, doc.Value.Id, new { expires }, ct).ConfigureAwait(false);
            var root = baseUrl.TrimEnd('/');
            return Reply(ChairCards.Export(doc.Value, new Uri($"{root}/api/exports/{csv}"), new Uri($"{root}/api/exports/{json}"), expires));
        }, ct);

    // ---- plumbing ----

    private async Task<Audit> ReloadAsync(Guid id, CancellationToken ct) => (await store.GetAuditAsync(id, ct).ConfigureAwait(false))!.Value;

    /// <summary>Loads the audit and lets only its chair (or an admin) continue.</summary>
    private async Task<InvokeResponse> AsChairAsync(TurnContext turn, Guid auditId, Func<WorkshopBot.Storage.VersionedDocument<Audit>, PersonRef, Task<InvokeResponse>> next, CancellationToken ct)
    {
        var doc = await store.GetAuditAsync(auditId, ct).ConfigureAwait(false);
        if (doc is null)
        {
            return Refuse("Audit not found", "This card refers to an audit that does not exist. Nothing was changed.");
        }

        var me = Person(turn);
        if (!doc.Value.IsChair(me) && !roles.IsAdmin(me.UserId))
        {
            return Refuse("Only the chair can do this", $"Only the chair of \"{doc.Value.Title}\" ({doc.Value.Chair.DisplayName}) or a partnership admin can do this. Nothing was changed.");
        }

        return await next(doc, me).ConfigureAwait(false);
    }

    private Task<InvokeResponse> ChangeAsync(TurnContext turn, Guid auditId, Func<Audit, DomainResult> change, string action, object detail,
        Func<Audit, string?, Tone, AdaptiveCard> card, CancellationToken ct) =>
        AsChairAsync(turn, auditId, async (doc, me) =>
        {
            var result = change(doc.Value);
            return !result.Succeeded
                ? Reply(card(doc.Value, result.Message + " Nothing was changed.", Tone.Error))
                : await SaveAsync(doc, me, action, detail, a => card(a, null, Tone.Success), ct).ConfigureAwait(false);
        }, ct);

    private async Task<InvokeResponse> SaveAsync(WorkshopBot.Storage.VersionedDocument<Audit> doc, PersonRef me, string action, object detail, Func<Audit, AdaptiveCard> card, CancellationToken ct)
    {
        if (!await store.UpdateAuditAsync(doc, ct).ConfigureAwait(false))
        {
            return Reply(ChairCards.Dashboard(await ReloadAsync(doc.Value.Id, ct).ConfigureAwait(false), message: "Someone else changed this audit at the same moment. Nothing was changed; please try again.", tone: Tone.Error));
        }

        await trail.RecordAsync(me, action, AuditSubjects.Audit, doc.Value.Id, detail, ct).ConfigureAwait(false);
        return Reply(card(doc.Value));
    }

    private static DomainResult ToResult<T>(DomainResult<T> result) => result.Succeeded ? DomainResult.Ok : DomainResult.From(result.Error!);
}

using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using static WorkshopBot.Audits.Teams.ChairHandler;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>What representatives do: open their audit tools, save each step, submit, and ask for a reopen.</summary>
public sealed class ReturnHandler(
    AuditStore store,
    AuditTrail trail,
    FreeTextCheck privacy,
    AuditMessenger messenger,
    TrackerService tracker,
    SafetyAlerts safety,
    TimeProvider time)
{
    public async Task MyAuditsCommandAsync(TurnContext turn, CancellationToken ct)
    {
        var me = Person(turn);
        var mine = new List<(Audit, AuditReturn)>();
        foreach (var audit in (await store.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value).Where(a => a.Status != AuditStatus.Draft))
        {
            var agencies = audit.Agencies.Where(a => a.Representative?.IsSamePerson(me) == true).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            if (agencies.Count == 0)
            {
                continue;
            }

            mine.AddRange((await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).Where(r => agencies.Contains(r.AgencyId)).Select(r => (audit, r)));
        }

        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(ReturnCards.MyAudits(mine)), ct).ConfigureAwait(false);
    }

    /// <summary>Step -1 is the overview; a step past the last is the review.</summary>
    public Task<InvokeResponse> OpenAsync(TurnContext turn, ReturnRefData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, (audit, doc, _) =>
        {
            var ret = doc.Value;
            var steps = ReturnSteps.Build(ret);
            if (ret.IsReadOnly || data.Step < 0)
            {
                return Task.FromResult(Reply(ReturnCards.Overview(audit, ret)));
            }

            return Task.FromResult(Reply(StepCard(audit, ret, data.Step, data.Page, steps)));
        }, ct);

    private static AdaptiveCard StepCard(Audit audit, AuditReturn ret, int step, int page, IReadOnlyList<ReturnStep> steps, string? message = null, Tone tone = Tone.Error)
    {
        if (step >= steps.Count)
        {
            return ReturnCards.Review(audit, ret, message, tone);
        }

        var s = steps[Math.Max(0, step)];
        return s.IsSummary ? ReturnCards.Summary(audit, ret, s.Index, message: message, tone: tone) : ReturnCards.Section(audit, ret, s.Index, page, message: message, tone: tone);
    }

    public Task<InvokeResponse> SaveSectionAsync(TurnContext turn, SaveSectionData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, async (audit, doc, me) =>
        {
            var ret = doc.Value;
            var steps = ReturnSteps.Build(ret);
            var step = data.Step >= 0 && data.Step < steps.Count && !steps[data.Step].IsSummary && steps[data.Step].Section!.Id == data.SectionId
                ? data.Step
                : steps.FirstOrDefault(s => !s.IsSummary && s.Section!.Id == data.SectionId)?.Index ?? -1;
            if (step < 0)
            {
                // A missing or forged section id must not land on the summary step, which has no section to show.
                return Reply(ReturnCards.Overview(audit, ret, "This card names a section that is not in this audit tool. Nothing was saved.", Tone.Error));
            }

            if (ret.IsReadOnly)
            {
                return Reply(ReturnCards.Overview(audit, ret, "This return has been submitted and is read-only. Nothing was changed.", Tone.Error));
            }

            if (!TryReadAnswers(data, out var answers, out var typed, out var inputError))
            {
                return Reply(ReturnCards.Section(audit, ret, step, data.Page, typed, message: inputError));
            }

            if (data.Version != ret.Version)
            {
                // A stale card never overwrites newer answers: show the stored ones and say why.
                return Reply(ReturnCards.Section(audit, ret, step, data.Page, message: ret.SaveSection(data.SectionId, [], data.Version, me, time.GetUtcNow()).Message));
            }

            var findings = privacy.Scan(answers.Select(a => ($"Question {ret.NumberOf(a.QuestionId)}", a.Narrative)).ToArray());
            if (findings.Count > 0 && !data.ConfirmNotIdentifying)
            {
                return Reply(ReturnCards.Section(audit, ret, step, data.Page, typed, findings));
            }

            var saved = ret.SaveSection(data.SectionId, answers, data.Version, me, time.GetUtcNow());
            if (!saved.Succeeded)
            {
                return Reply(ReturnCards.Section(audit, ret, step, data.Page, typed, message: saved.Message + " Nothing was saved."));
            }

            if (!await store.UpdateReturnAsync(doc, ct).ConfigureAwait(false))
            {
                var fresh = (await store.GetReturnAsync(ret.Id, ct).ConfigureAwait(false))!.Value;
                return Reply(ReturnCards.Section(audit, fresh, step, data.Page, message: "Your return was saved from another card at the same moment. Here are the latest answers; make your change again."));
            }

            await trail.RecordAsync(me, "return.section-saved", AuditSubjects.Return, ret.Id, new
            {
                auditId = audit.Id,
                section = data.SectionId,
                questions = answers.Select(a => a.QuestionId),
                version = ret.Version,
                confirmedNotIdentifying = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null,
            }, ct).ConfigureAwait(false);
            string? note = null;
            if (saved.Value!.SafetyConcernRaised)
            {
                var escalation = await safety.RaiseAsync(audit, ret, me, ct).ConfigureAwait(false);
                note = escalation is null ? null : "Your immediate concern has been sent to the chair"
                    + (audit.FindAgency(ret.AgencyId)?.NamedLead is { } lead ? $" and {lead.DisplayName}" : string.Empty)
                    + ". Make any referral through your agency's own procedures now.";
            }

            await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            var pages = ReturnSteps.Pages(ret, steps[step].Section!).Count;
            var (nextStep, nextPage) = data.Move switch
            {
                ReturnMoves.Next => data.Page + 1 < pages ? (step, data.Page + 1) : (step + 1, 0),
                ReturnMoves.Back => data.Page > 0 ? (step, data.Page - 1) : (step - 1, int.MaxValue),
                _ => (step, data.Page),
            };
            nextStep = Math.Max(0, nextStep);
            if (nextStep < steps.Count && !steps[nextStep].IsSummary && nextPage == int.MaxValue)
            {
                nextPage = ReturnSteps.Pages(ret, steps[nextStep].Section!).Count - 1;
            }

            return Reply(StepCard(audit, ret, nextStep, nextPage == int.MaxValue ? 0 : nextPage, steps, note, Tone.Warning));
        }, ct);

    /// <summary>Reads <c>a:{questionId}</c> and <c>n:{questionId}</c> inputs into answers; the only place card inputs are walked.</summary>
    internal static bool TryReadAnswers(SaveSectionData data, out List<AnswerInput> answers, out ReturnCards.TypedAnswers typed, out string? error)
    {
        var byQuestion = new Dictionary<string, (string? Value, string? Narrative)>(StringComparer.Ordinal);
        error = null;
        foreach (var (key, value) in data.Inputs ?? [])
        {
            var isAnswer = key.StartsWith("a:", StringComparison.Ordinal);
            var isNarrative = key.StartsWith("n:", StringComparison.Ordinal);
            if (!isAnswer && !isNarrative)
            {
                continue;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (value.ValueKind != JsonValueKind.String && value.ValueKind != JsonValueKind.Null)
            {
                error ??= "Some answers on this card could not be read. Nothing was saved.";
                continue;
            }

            var id = key[2..];
            var current = byQuestion.GetValueOrDefault(id);
            byQuestion[id] = isAnswer ? (text, current.Narrative) : (current.Value, text);
        }

        answers = [];
        foreach (var (id, (value, narrative)) in byQuestion)
        {
            var parsed = AuditCardKit.ParseAnswer(value);
            if (!string.IsNullOrWhiteSpace(value) && parsed is null)
            {
                error ??= $"\"{value}\" is not an answer: choose yes, no, partly or n/a. Nothing was saved.";
            }

            answers.Add(new AnswerInput(id, parsed, narrative));
        }

        typed = new ReturnCards.TypedAnswers(byQuestion);
        return error is null;
    }

    public Task<InvokeResponse> SaveSummaryAsync(TurnContext turn, SaveSummaryData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, async (audit, doc, me) =>
        {
            var ret = doc.Value;
            var steps = ReturnSteps.Build(ret);
            var step = steps.First(s => s.IsSummary).Index;
            if (data.Version != ret.Version || ret.IsReadOnly)
            {
                var refusal = ret.SaveSummary(new ReturnSummaryInput(null, null, null, null), data.Version, me, time.GetUtcNow());
                return ret.IsReadOnly
                    ? Reply(ReturnCards.Overview(audit, ret, refusal.Message, Tone.Error))
                    : Reply(ReturnCards.Summary(audit, ret, step, message: refusal.Message));
            }

            var findings = privacy.Scan(("Good practice", data.GoodPractice), ("Areas for development", data.AreasForDevelopment), ("Recommendations", data.Recommendations));
            if (findings.Count > 0 && !data.ConfirmNotIdentifying)
            {
                return Reply(ReturnCards.Summary(audit, ret, step, data, findings));
            }

            var saved = ret.SaveSummary(new ReturnSummaryInput(data.GoodPractice, data.AreasForDevelopment, data.Recommendations, data.Grade), data.Version, me, time.GetUtcNow());
            if (!saved.Succeeded)
            {
                return Reply(ReturnCards.Summary(audit, ret, step, data, message: saved.Message + " Nothing was saved."));
            }

            if (!await store.UpdateReturnAsync(doc, ct).ConfigureAwait(false))
            {
                var fresh = (await store.GetReturnAsync(ret.Id, ct).ConfigureAwait(false))!.Value;
                return Reply(ReturnCards.Summary(audit, fresh, step, message: "Your return was saved from another card at the same moment. Here is the latest; make your change again."));
            }

            await trail.RecordAsync(me, "return.summary-saved", AuditSubjects.Return, ret.Id, new
            {
                auditId = audit.Id,
                grade = ret.GradeKey,
                version = ret.Version,
                confirmedNotIdentifying = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null,
            }, ct).ConfigureAwait(false);
            await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            var next = data.Move switch { ReturnMoves.Next => step + 1, ReturnMoves.Back => step - 1, _ => step };
            var page = next < step && next >= 0 && !steps[next].IsSummary ? ReturnSteps.Pages(ret, steps[next].Section!).Count - 1 : 0;
            return Reply(StepCard(audit, ret, Math.Max(0, next), page, steps));
        }, ct);

    public Task<InvokeResponse> ConfirmSubmitAsync(TurnContext turn, SubmitReturnData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, (audit, doc, _) =>
        {
            var ret = doc.Value;
            if (ret.IsReadOnly)
            {
                return Task.FromResult(Reply(ReturnCards.Overview(audit, ret, "This return was already submitted. Nothing has changed.", Tone.Info)));
            }

            if (data.Version != ret.Version)
            {
                return Task.FromResult(Reply(ReturnCards.Review(audit, ret, "Your return has changed since this card was shown. Check it below, then submit.")));
            }

            var missing = ret.MissingForSubmission();
            return Task.FromResult(missing.Count > 0 ? Reply(ReturnCards.Review(audit, ret)) : Reply(ReturnCards.ConfirmSubmit(audit, ret)));
        }, ct);

    public Task<InvokeResponse> SubmitAsync(TurnContext turn, SubmitReturnData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, async (audit, doc, me) =>
        {
            var ret = doc.Value;
            var result = ret.Submit(data.Version, me, time.GetUtcNow());
            if (!result.Succeeded)
            {
                return ret.IsReadOnly
                    ? Reply(ReturnCards.Overview(audit, ret, result.Message, Tone.Info))
                    : Reply(ReturnCards.Review(audit, ret, result.Message));
            }

            // The stored version guards exactly-once: a second submit racing this one fails here.
            if (!await store.UpdateReturnAsync(doc, ct).ConfigureAwait(false))
            {
                var fresh = (await store.GetReturnAsync(ret.Id, ct).ConfigureAwait(false))!.Value;
                return Reply(ReturnCards.Overview(audit, fresh, "This return was submitted or changed at the same moment. Nothing more was changed.", Tone.Info));
            }

            await trail.RecordAsync(me, "return.submitted", AuditSubjects.Return, ret.Id, new { auditId = audit.Id, caseReference = ret.CaseReference.Value, agency = ret.AgencyName, grade = ret.GradeKey }, ct).ConfigureAwait(false);
            await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            return Reply(ReturnCards.ReadOnly(audit, ret, "Thank you. Your return is submitted and locked."));
        }, ct);

    public Task<InvokeResponse> AskReopenAsync(TurnContext turn, AskReopenData data, CancellationToken ct) =>
        AsRepresentativeAsync(turn, data.AuditId, data.ReturnId, async (audit, doc, me) =>
        {
            var ret = doc.Value;
            var error = string.IsNullOrWhiteSpace(data.Reason) ? "Say what needs correcting." : FreeText.Validate(data.Reason, "The reason", 1000);
            var findings = privacy.Scan(("Reason", data.Reason));
            if (error is null && findings.Count > 0)
            {
                error = "The reason may contain personal information (" + string.Join("; ", findings.Select(f => f.Finding.Message)) + "). Please reword it.";
            }

            if (!ret.IsReadOnly)
            {
                error = "This return is not submitted, so it is already open for editing.";
            }

            if (error is not null)
            {
                return Reply(ret.IsReadOnly ? ReturnCards.ReadOnly(audit, ret, error + " Nothing was sent.", Tone.Error) : ReturnCards.Overview(audit, ret, error, Tone.Info));
            }

            var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))!.Value;
            var reason = FreeText.Normalise(data.Reason);
            var sent = await messenger.SendToPersonAsync(channel, audit.Chair,
                ChairCards.Notice($"Reopen request: case {ret.CaseReference}", $"{me.DisplayName} ({ret.AgencyName}) asks you to reopen their submitted return: {reason}", Tone.Warning,
                    CardKit.Go(AuditVerbs.ReopenForm, new AuditRefData(audit.Id), "Reopen a return", ActionStyle.Positive)),
                $"audit:{audit.Id:D}:return:{ret.Id:D}:reopen-request:{time.GetUtcNow().ToUnixTimeSeconds()}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
            await trail.RecordAsync(me, "return.reopen-requested", AuditSubjects.Return, ret.Id, new { auditId = audit.Id, reason }, ct).ConfigureAwait(false);
            return Reply(ReturnCards.ReadOnly(audit, ret, sent is null ? "The chair could not be reached in Teams; please contact them directly." : "Your request has been sent to the chair.", sent is null ? Tone.Warning : Tone.Success));
        }, ct);

    /// <summary>Loads the return and lets only the current representative of its agency continue.</summary>
    private async Task<InvokeResponse> AsRepresentativeAsync(TurnContext turn, Guid auditId, Guid returnId,
        Func<Audit, WorkshopBot.Storage.VersionedDocument<AuditReturn>, PersonRef, Task<InvokeResponse>> next, CancellationToken ct)
    {
        var doc = await store.GetReturnAsync(returnId, ct).ConfigureAwait(false);
        var audit = doc is null ? null : (await store.GetAuditAsync(doc.Value.AuditId, ct).ConfigureAwait(false))?.Value;
        if (doc is null || audit is null)
        {
            return Reply(ChairCards.Notice("Return not found", "This card refers to a return that does not exist. Nothing was changed.", Tone.Error));
        }

        if (doc.Value.AuditId != auditId)
        {
            return Reply(ChairCards.Notice("This card belongs to a different audit", "The return on this card is not part of the audit it names. Nothing was changed.", Tone.Error));
        }

        var me = Person(turn);
        if (audit.FindAgency(doc.Value.AgencyId)?.Representative?.IsSamePerson(me) != true)
        {
            return Reply(ChairCards.Notice("Not your agency's return", $"Only the representative of {doc.Value.AgencyName} can open or change this return. Nothing was changed.", Tone.Error));
        }

        if (audit.Status == AuditStatus.Closed)
        {
            return Reply(ChairCards.Notice("Audit closed", "This audit is closed; its returns can no longer be changed.", Tone.Error));
        }

        return await next(audit, doc, me).ConfigureAwait(false);
    }
}

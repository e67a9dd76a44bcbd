using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Opens the question set at a section (the first when none is named).</summary>
public sealed record QuestionsData(Guid AuditId, string? SectionId);

/// <summary>Opens the question form: add to <see cref="SectionId"/> when <see cref="QuestionId"/> is null, else edit.</summary>
public sealed record EditQuestionData(Guid AuditId, string SectionId, string? QuestionId);

/// <summary>Add (no <see cref="QuestionId"/>) or edit a question.</summary>
public sealed record SaveQuestionData(
    Guid AuditId,
    string SectionId,
    string? QuestionId,
    string? QuestionText,
    string? Guidance,
    string? AgencyTypes,
    string? IsSafety,
    bool ConfirmNotIdentifying = false);

public sealed record QuestionRefData(Guid AuditId, string QuestionId);

public sealed record MoveQuestionData(Guid AuditId, string QuestionId, int Offset);

public sealed record AddSectionData(Guid AuditId, string? SectionTitle, bool ConfirmNotIdentifying = false);

/// <summary>The chair shapes the audit tool while the audit is a draft: sections, and the questions in each.</summary>
public sealed class QuestionsScreen(ChairAccess access, AuditStore store, AuditTrail trail, FreeTextCheck privacy)
{
    public const string Questions = "audit.questions";
    public const string EditQuestion = "audit.question.edit";
    public const string SaveQuestion = "audit.question.save";
    public const string RemoveQuestion = "audit.question.remove";
    public const string MoveQuestion = "audit.question.move";
    public const string AddSection = "audit.section.add";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<QuestionsData>(Questions, (t, d, ct) => t.Screen<QuestionsScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<EditQuestionData>(EditQuestion, (t, d, ct) => t.Screen<QuestionsScreen>().EditAsync(t, d, ct));
        router.OnCardAction<SaveQuestionData>(SaveQuestion, (t, d, ct) => t.Screen<QuestionsScreen>().SaveAsync(t, d, ct));
        router.OnCardAction<QuestionRefData>(RemoveQuestion, (t, d, ct) => t.Screen<QuestionsScreen>().RemoveAsync(t, d, ct));
        router.OnCardAction<MoveQuestionData>(MoveQuestion, (t, d, ct) => t.Screen<QuestionsScreen>().MoveAsync(t, d, ct));
        router.OnCardAction<AddSectionData>(AddSection, (t, d, ct) => t.Screen<QuestionsScreen>().AddSectionAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, QuestionsData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused ? chaired.Refusal : Reply.Card(QuestionsCard.Questions(chaired.Value, data.SectionId));
    }

    public async Task<InvokeResponse> EditAsync(TurnContext turn, EditQuestionData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        if (audit.Questions.FindSection(data.SectionId) is null)
        {
            return Reply.Card(QuestionsCard.Questions(audit, null,
                $"There is no section \"{CardKit.Literal(data.SectionId)}\" in this audit tool.", Tone.Warning));
        }

        var existing = data.QuestionId is null ? null : audit.Questions.FindQuestion(data.QuestionId);
        return data.QuestionId is not null && existing is null
            ? Reply.Card(QuestionsCard.Questions(audit, data.SectionId,
                $"There is no question \"{CardKit.Literal(data.QuestionId)}\" in this audit tool.",
                Tone.Warning))
            : Reply.Card(QuestionsCard.Form(audit, data.SectionId, existing));
    }

    public async Task<InvokeResponse> SaveAsync(TurnContext turn, SaveQuestionData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var existing = data.QuestionId is null ? null : audit.Questions.FindQuestion(data.QuestionId);
        var types = new List<AgencyType>();
        foreach (var part in CardInput.List(data.AgencyTypes))
        {
            if (CardInput.Enum<AgencyType>(part) is not { } type)
            {
                return Reply.Card(QuestionsCard.Form(audit, data.SectionId, existing, data,
                    message: $"\"{CardKit.Literal(part)}\" is not an agency type."));
            }

            types.Add(type);
        }

        // The length before the identifier check: a text far over the limit is refused at once, not scanned at length.
        if ((FreeText.Validate(data.QuestionText, "The question", Question.MaxTextLength)
            ?? FreeText.Validate(data.Guidance, "The guidance", Question.MaxGuidanceLength)) is { } tooLong)
        {
            return Reply.Card(QuestionsCard.Form(audit, data.SectionId, existing, data, message: tooLong));
        }

        var findings = privacy.Scan(("Question", data.QuestionText), ("Guidance", data.Guidance));
        if (FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            return Reply.Card(QuestionsCard.Form(audit, data.SectionId, existing, data, findings));
        }

        var isSafety = CardInput.Flag(data.IsSafety);
        var draft = new QuestionDraft(data.QuestionText ?? string.Empty, data.Guidance, existing?.Themes, types, isSafety);
        // The same new question saved again (a double click, or Teams retrying under a new activity id) is found in the
        // audit as the change reads it, under its gate: answered as the first, nothing added or logged.
        var changed = await store.ChangeAuditAsync(audit.Id, a => data.QuestionId is null
            ? a.Questions.FindSection(data.SectionId)?.Questions.Any(draft.IsAddedAs) == true
                ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "This question is already in the section.")
                : Plain(a.AddQuestion(data.SectionId, draft))
            : a.EditQuestion(data.QuestionId, draft), ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            return Reply.Card(QuestionsCard.Questions(same, data.SectionId, "Question saved.", Tone.Success));
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => changed.Result.Error!.Kind == DomainErrorKind.Invalid
                ? QuestionsCard.Form(a, data.SectionId, existing, data, message: message)
                : QuestionsCard.Questions(a, data.SectionId, message, Tone.Warning));
        }

        // The section is logged as the saved audit knows it (an edit ignores the card's section id), never as the card sent it.
        var saved = changed.Value!.Questions;
        var section = data.QuestionId is null ? saved.FindSection(data.SectionId)?.Id : saved.SectionOf(data.QuestionId)?.Id;
        var action = data.QuestionId is null ? "audit.question.added" : "audit.question.edited";
        var detail = new { section, question = data.QuestionId, confirmedNotIdentifying = Confirmed(findings) };
        await trail.RecordAsync(turn.Person(), action, AuditSubjects.Audit, audit.Id, detail, ct).ConfigureAwait(false);
        return Reply.Card(QuestionsCard.Questions(changed.Value!, data.SectionId, "Question saved.", Tone.Success));
    }

    public async Task<InvokeResponse> RemoveAsync(TurnContext turn, QuestionRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.RemoveQuestion(data.QuestionId), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) =>
                QuestionsCard.Questions(a, a.Questions.SectionOf(data.QuestionId)?.Id, message + " Nothing was changed.", Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.question.removed", AuditSubjects.Audit, data.AuditId,
            new { question = data.QuestionId }, ct).ConfigureAwait(false);
        var audit = changed.Value!;
        var section = audit.Questions.SectionOf(data.QuestionId)?.Id;
        return Reply.Card(QuestionsCard.Questions(audit, section, "Question removed.", Tone.Success));
    }

    public async Task<InvokeResponse> MoveAsync(TurnContext turn, MoveQuestionData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.MoveQuestionBy(data.QuestionId, data.Offset), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) =>
                QuestionsCard.Questions(a, a.Questions.SectionOf(data.QuestionId)?.Id, message + " Nothing was changed.", Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.question.moved", AuditSubjects.Audit, data.AuditId,
            new { question = data.QuestionId, data.Offset }, ct).ConfigureAwait(false);
        var audit = changed.Value!;
        return Reply.Card(QuestionsCard.Questions(audit, audit.Questions.SectionOf(data.QuestionId)?.Id, null, Tone.Success));
    }

    public async Task<InvokeResponse> AddSectionAsync(TurnContext turn, AddSectionData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (FreeText.Validate(data.SectionTitle, "The section title", QuestionSet.MaxSectionTitleLength) is { } tooLong)
        {
            return Reply.Card(QuestionsCard.Questions(chaired.Value, null, tooLong + " Nothing was added.", Tone.Warning));
        }

        var findings = privacy.Scan(("Section title", data.SectionTitle));
        if (FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            var check = FreeTextCheck.Of(findings);
            var found = check.Unchecked
                ? check.Summary
                : "The section title may contain personal information: " + string.Join("; ", findings.Select(f => f.Finding.Message))
                    + (IdentifierCheck.CannotBeKept(check.Findings) is { } refused ? " " + refused : string.Empty);
            return Reply.Card(QuestionsCard.Questions(chaired.Value, null, found + " Nothing was added.", Tone.Warning));
        }

        // The same section added again (a double click, or Teams retrying under a new activity id) is found in the audit as
        // the change reads it: answered as the first, nothing added or logged. Two sections of one title would only confuse.
        var title = FreeText.Normalise(data.SectionTitle);
        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.Questions.Sections.Any(x => x.Title == title)
            ? DomainResult<QuestionSection>.Fail(DomainErrorKind.AlreadyDone, "This section is already in the audit tool.")
            : a.AddSection(data.SectionTitle), ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } now })
        {
            var same = now.Questions.Sections.First(x => x.Title == title);
            return Reply.Card(QuestionsCard.Questions(now, same.Id, "Section added.", Tone.Success));
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => QuestionsCard.Questions(a, null, message, Tone.Warning));
        }

        var section = changed.Result.Value!;
        await trail.RecordAsync(turn.Person(), "audit.section.added", AuditSubjects.Audit, data.AuditId,
            new { section = section.Id, confirmedNotIdentifying = Confirmed(findings) }, ct).ConfigureAwait(false);
        return Reply.Card(QuestionsCard.Questions(changed.Value!, section.Id, "Section added.", Tone.Success));
    }

    /// <summary>What the audit log records when the chair confirmed possible identifiers as not identifying.</summary>
    private static string? Confirmed(IReadOnlyList<FieldFinding> findings) => findings.Count > 0 ? FreeTextCheck.Describe(findings) : null;

    private static DomainResult Plain<T>(DomainResult<T> result) => result.Succeeded ? DomainResult.Ok : DomainResult.From(result.Error!);
}

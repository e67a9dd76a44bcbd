using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

public sealed record AddCaseData(Guid AuditId, string? CaseReference, string? AgeBand);

public sealed record CaseRefData(Guid AuditId, string CaseReference);

/// <summary>The cases under audit: pseudonymous references and age bands, added and removed while a draft.</summary>
public sealed class CasesScreen(ChairAccess access, AuditStore store, AuditTrail trail)
{
    public const string Cases = "audit.cases";
    public const string AddCase = "audit.case.add";
    public const string RemoveCase = "audit.case.remove";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Cases, (t, d, ct) => t.Screen<CasesScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<AddCaseData>(AddCase, (t, d, ct) => t.Screen<CasesScreen>().AddAsync(t, d, ct));
        router.OnCardAction<CaseRefData>(RemoveCase, (t, d, ct) => t.Screen<CasesScreen>().RemoveAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused ? chaired.Refusal : Reply.Card(CasesCard.Cases(chaired.Value));
    }

    public async Task<InvokeResponse> AddAsync(TurnContext turn, AddCaseData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var reference = CaseReference.Create(data.CaseReference);
        var band = AgeBands.Parse(data.AgeBand);
        var error = !reference.Succeeded ? reference.Message : !band.Succeeded ? band.Message : null;
        if (error is not null)
        {
            return Reply.Card(CasesCard.Cases(chaired.Value, error + " Nothing was added.", Tone.Warning, data));
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.AddCase(reference.Value!, band.Value), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => CasesCard.Cases(a, message + " Nothing was added.", Tone.Warning, data));
        }

        await trail.RecordAsync(turn.Person(), "audit.case.added", AuditSubjects.Audit, data.AuditId,
            new { caseReference = reference.Value!.Value, ageBand = band.Value }, ct).ConfigureAwait(false);
        return Reply.Card(CasesCard.Cases(changed.Value!, $"Case {reference.Value} added.", Tone.Success));
    }

    public async Task<InvokeResponse> RemoveAsync(TurnContext turn, CaseRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var reference = CaseReference.Create(data.CaseReference);
        var changed = await store.ChangeAuditAsync(data.AuditId, a => reference.Succeeded
            ? a.RemoveCase(reference.Value!)
            : DomainResult.NotFound($"Case {CardKit.Literal(CardKit.Clip(data.CaseReference, CaseReference.MaxLength))} is not in this "
                + "audit."), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => CasesCard.Cases(a, message + " Nothing was changed.", Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.case.removed", AuditSubjects.Audit, data.AuditId,
            new { caseReference = data.CaseReference }, ct).ConfigureAwait(false);
        return Reply.Card(CasesCard.Cases(changed.Value!, "Case removed.", Tone.Success));
    }
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Audits.Teams;

public sealed record AddAgencyData(Guid AuditId, string? AgencyType, string? AgencyName);

public sealed record AgencyRefData(Guid AuditId, string AgencyId);

/// <summary>Representative and named lead are Teams member ids picked from the team's roster.</summary>
public sealed record AgencyPeopleData(Guid AuditId, string AgencyId, string? Representative, string? NamedLead, string? AssignedCases);

/// <summary>
/// The agencies taking part: each with a representative from the team, an optional named lead, and its cases. Once the audit
/// is issued, saving an agency's people sends its representative the audit tools they have not been sent (see
/// AgenciesScreen.Tools.cs).
/// </summary>
public sealed partial class AgenciesScreen(
    ChairAccess access, AuditStore store, AuditTrail trail, SafetyAlerts safety, ToolDelivery tools,
    ReplacedRepresentativeJoins workshopJoins)
{
    public const string Agencies = "audit.agencies";
    public const string AddAgency = "audit.agency.add";
    public const string AgencyPeople = "audit.agency.people";
    public const string SaveAgencyPeople = "audit.agency.people.save";
    public const string RemoveAgency = "audit.agency.remove";

    /// <summary>An agency id is short (agency-1); a forged one is shown no longer than this.</summary>
    private const int MaxAgencyIdShown = 40;

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Agencies, (t, d, ct) => t.Screen<AgenciesScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<AddAgencyData>(AddAgency, (t, d, ct) => t.Screen<AgenciesScreen>().AddAsync(t, d, ct));
        router.OnCardAction<AgencyRefData>(AgencyPeople, (t, d, ct) => t.Screen<AgenciesScreen>().PeopleAsync(t, d, ct));
        router.OnCardAction<AgencyPeopleData>(SaveAgencyPeople, (t, d, ct) => t.Screen<AgenciesScreen>().SavePeopleAsync(t, d, ct));
        router.OnCardAction<AgencyRefData>(RemoveAgency, (t, d, ct) => t.Screen<AgenciesScreen>().RemoveAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused ? chaired.Refusal : Reply.Card(AgenciesCard.Agencies(chaired.Value));
    }

    public async Task<InvokeResponse> AddAsync(TurnContext turn, AddAgencyData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (CardInput.Enum<AgencyType>(data.AgencyType) is not { } type)
        {
            return Reply.Card(AgenciesCard.Agencies(chaired.Value, "Choose an agency type. Nothing was added.", Tone.Warning, data));
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.AddAgency(type, data.AgencyName), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => AgenciesCard.Agencies(a, message, Tone.Warning, data));
        }

        var added = changed.Result.Value!;
        await trail.RecordAsync(turn.Person(), "audit.agency.added", AuditSubjects.Audit, data.AuditId,
            new { agency = added.Id, name = AuditTrail.Fingerprint(added.Name), type }, ct)
            .ConfigureAwait(false);
        return Reply.Card(AgenciesCard.Agencies(changed.Value!, $"{CardKit.Literal(added.Name)} added. Now choose its representative.",
            Tone.Success));
    }

    public async Task<InvokeResponse> RemoveAsync(TurnContext turn, AgencyRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.RemoveAgency(data.AgencyId), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => AgenciesCard.Agencies(a, message + " Nothing was changed.", Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.agency.removed", AuditSubjects.Audit, data.AuditId,
            new { agency = data.AgencyId }, ct).ConfigureAwait(false);
        return Reply.Card(AgenciesCard.Agencies(changed.Value!, "Agency removed.", Tone.Success));
    }

    /// <summary>The form that picks an agency's representative, named lead and cases from the team.</summary>
    public async Task<InvokeResponse> PeopleAsync(TurnContext turn, AgencyRefData data, CancellationToken ct)
    {
        var found = await AgencyAsync(turn, data.AuditId, data.AgencyId, ct).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var chaired))
        {
            return refusal;
        }

        var (audit, agency) = chaired;
        var members = await TeamRoster.MembersAsync(turn, ct).ConfigureAwait(false);
        return Reply.Card(AgenciesCard.People(audit, agency, members));
    }

    public async Task<InvokeResponse> SavePeopleAsync(TurnContext turn, AgencyPeopleData data, CancellationToken ct)
    {
        var found = await AgencyAsync(turn, data.AuditId, data.AgencyId, ct).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var chaired))
        {
            return refusal;
        }

        var (audit, agency) = chaired;
        var rep = await TeamRoster.MemberAsync(turn, data.Representative, ct).ConfigureAwait(false);
        var lead = string.IsNullOrWhiteSpace(data.NamedLead)
            ? null
            : await TeamRoster.MemberAsync(turn, data.NamedLead, ct).ConfigureAwait(false);
        if (rep is null || (!string.IsNullOrWhiteSpace(data.NamedLead) && lead is null))
        {
            var members = await TeamRoster.MembersAsync(turn, ct).ConfigureAwait(false);
            return Reply.Card(AgenciesCard.People(audit, agency, members,
                "Choose people who are members of this team. Nothing was changed."));
        }

        // A shared channel lists people of other organisations too: none of them may be given a role in this audit.
        var tenant = turn.TenantId();
        var outside = !rep.BelongsTo(tenant) ? "representative" : lead is not null && !lead.BelongsTo(tenant) ? "named lead" : null;
        if (outside is not null)
        {
            var members = await TeamRoster.MembersAsync(turn, ct).ConfigureAwait(false);
            return Reply.Card(AgenciesCard.People(audit, agency, members, TeamRoster.OutsideOrganisation(outside)));
        }

        var unreachable = !rep.HasDirectoryId ? "representative" : lead is { HasDirectoryId: false } ? "named lead" : null;
        if (unreachable is not null)
        {
            var members = await TeamRoster.MembersAsync(turn, ct).ConfigureAwait(false);
            return Reply.Card(AgenciesCard.People(audit, agency, members, TeamRoster.WithoutDirectoryAccount(unreachable)));
        }

        List<CaseReference>? cases = null;
        if (!string.IsNullOrWhiteSpace(data.AssignedCases))
        {
            cases = [];
            foreach (var text in CardInput.List(data.AssignedCases))
            {
                var reference = CaseReference.Create(text);
                if (!reference.Succeeded || audit.FindCase(reference.Value) is null)
                {
                    var notInAudit = $"Case {CardKit.Literal(CardKit.Clip(text, CaseReference.MaxLength))} is not in this audit. "
                        + "Nothing was changed.";
                    return Reply.Card(AgenciesCard.Agencies(audit, notInAudit, Tone.Warning));
                }

                cases.Add(reference.Value!);
            }
        }

        // The same people and cases saved again (a double click, or Teams retrying under a new activity id) change and log
        // nothing, and are answered as the first.
        var changed = await store.ChangeAuditAsync(data.AuditId, a => AlreadyAssigned(a, agency.Id, rep, lead, cases)
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "Already saved.")
            : AssignPeople(a, agency, rep, lead, cases), ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            // Saved again: an open alert not yet sent to the named lead (which the first save sends) is sent to them now.
            var notReached = await safety.RouteToNamedLeadAsync(same, agency.Id, turn.Person(), ct).ConfigureAwait(false);
            return await SavedAsync(turn, same, agency, notReached, newRepresentative: false, ct).ConfigureAwait(false);
        }

        if (changed.Status == ChangeStatus.Refused)
        {
            // The refusal may come after part of the change was made in memory: show the audit as stored.
            var stored = (await store.GetAuditAsync(data.AuditId, ct).ConfigureAwait(false))!.Value;
            return Reply.Card(AgenciesCard.Agencies(stored, changed.Message + " Nothing was changed.", Tone.Warning));
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => AgenciesCard.Agencies(a, message, Tone.Warning));
        }

        await trail.RecordAsync(turn.Person(), "audit.agency.people", AuditSubjects.Audit, data.AuditId,
            new { agency = agency.Id, representative = rep.UserKey, namedLead = lead?.UserKey, cases = cases?.Select(c => c.Value) }, ct)
            .ConfigureAwait(false);
        await store.ChangeChannelAsync(data.AuditId, c =>
        {
            var teamsIds = new Dictionary<string, string>(c.TeamsIds, StringComparer.OrdinalIgnoreCase) { [rep.UserKey] = rep.TeamsId };
            if (lead is not null)
            {
                teamsIds[lead.UserKey] = lead.TeamsId;
            }

            c.TeamsIds = teamsIds;
        }, ct).ConfigureAwait(false);

        var newRepresentative = agency.Representative is not { } before
            || !string.Equals(before.UserId, rep.UserKey, StringComparison.OrdinalIgnoreCase);
        if (newRepresentative && agency.Representative is { } replaced)
        {
            await ForgetHeldAsync(turn.Person(), data.AuditId, agency.Id, ct).ConfigureAwait(false);
            // The new representative speaks for the agency at the workshop; the one replaced stays in it for no agency.
            await workshopJoins.ReleaseAsync(turn.Person(), data.AuditId, agency.Id, replaced, ct).ConfigureAwait(false);
        }

        // A new named lead is sent, at once, any alert for the agency still unacknowledged (after their Teams id is known).
        // When the bot cannot reach them, the chair is told so on this card, at once.
        var unreached = await safety.RouteToNamedLeadAsync(changed.Value!, agency.Id, turn.Person(), ct).ConfigureAwait(false);
        return await SavedAsync(turn, changed.Value!, agency, unreached, newRepresentative, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A new representative: what the one before typed and had kept for them, not saved (<see cref="AuditReturn.Held"/>), is
    /// forgotten in the same commit, so the new one never sees it; each return forgotten is logged, by id only.
    /// </summary>
    private async Task ForgetHeldAsync(PersonRef chair, Guid auditId, string agencyId, CancellationToken ct)
    {
        foreach (var held in (await store.ListReturnsAsync(auditId, ct).ConfigureAwait(false))
            .Where(r => r.Value.AgencyId == agencyId && r.Value.HoldsText))
        {
            if ((await store.ChangeReturnAsync(held.Value.Id, r => r.ForgetHeld(), ct).ConfigureAwait(false)).Saved)
            {
                await trail.RecordAsync(chair, "return.held-forgotten", AuditSubjects.Return, held.Value.Id,
                    new { auditId, agency = agencyId }, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The audit, for its chair, and the agency the card names; else the refusal, or the agencies card saying the agency
    /// is not there.
    /// </summary>
    private async Task<Guarded<ChairedAgency>> AgencyAsync(TurnContext turn, Guid auditId, string agencyId, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, auditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return Guarded<ChairedAgency>.Refuse(chaired.Refusal);
        }

        var audit = chaired.Value;
        return audit.FindAgency(agencyId) is { } agency
            ? Guarded<ChairedAgency>.Allow(new ChairedAgency(audit, agency))
            : Guarded<ChairedAgency>.Refuse(
                Reply.Card(AgenciesCard.Agencies(audit,
                    $"There is no agency \"{CardKit.Literal(CardKit.Clip(agencyId, MaxAgencyIdShown))}\" in this audit.", Tone.Warning)));
    }

    private static DomainResult AssignPeople(Audit audit, AuditAgency agency, TeamMember rep, TeamMember? lead, List<CaseReference>? cases)
    {
        var result = audit.AssignRepresentative(agency.Id, new PersonRef(rep.UserKey, rep.Name));
        if (result.Succeeded)
        {
            result = audit.SetNamedLead(agency.Id, lead is null ? null : new PersonRef(lead.UserKey, lead.Name));
        }

        if (result.Succeeded && audit.Status == AuditStatus.Draft && (cases is not null || agency.AssignedCases is not null))
        {
            result = audit.AssignCases(agency.Id, cases);
        }

        return result;
    }

    private static bool AlreadyAssigned(Audit audit, string agencyId, TeamMember rep, TeamMember? lead, List<CaseReference>? cases)
    {
        static bool Same(PersonRef? person, TeamMember? member) => person is null
            ? member is null
            : member is not null && string.Equals(person.UserId, member.UserKey, StringComparison.OrdinalIgnoreCase)
                && person.DisplayName == member.Name;

        return audit.Agencies.FirstOrDefault(a => a.Id == agencyId) is { } now
            && Same(now.Representative, rep) && Same(now.NamedLead, lead)
            && (audit.Status != AuditStatus.Draft || (cases is null
                ? now.AssignedCases is null
                : now.AssignedCases is not null && now.AssignedCases.ToHashSet().SetEquals(cases)));
    }

    private sealed record ChairedAgency(Audit Audit, AuditAgency Agency);
}

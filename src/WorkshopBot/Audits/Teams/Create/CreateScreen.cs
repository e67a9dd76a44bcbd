using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>The creation form. Inputs arrive as strings, as Teams sends them.</summary>
public sealed record CreateAuditData(
    string? Title,
    string? TemplateKey,
    string? GradeScaleKey,
    string? LookBackMonths,
    string? ReturnsDue,
    string? WorkshopDate,
    string? ReminderDays,
    string? Theme = null);

/// <summary>"new audit": a chair fills in the creation form and the audit is created as a draft.</summary>
public sealed class CreateScreen(AuditStore store, Roles roles, AuditTrail trail, IAuditLog log, TimeProvider time)
{
    public const string Create = "audit.create";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("new audit", (turn, _, ct) => turn.Screen<CreateScreen>().NewAuditAsync(turn, ct));
        router.OnCardAction<CreateAuditData>(Create, (turn, data, ct) => turn.Screen<CreateScreen>().CreateAsync(turn, data, ct));
    }

    public async Task NewAuditAsync(TurnContext turn, CancellationToken ct)
    {
        var card = roles.MayCreateAudits(turn.Person())
            ? CreateCard.Form()
            : NoticeCard.Create("Only chairs create audits", "Ask your partnership admin to add you as an audit chair.", Tone.Warning);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> CreateAsync(TurnContext turn, CreateAuditData data, CancellationToken ct)
    {
        if (!roles.MayCreateAudits(turn.Person()))
        {
            return Reply.Refusal("Only chairs create audits",
                "Ask your partnership admin to add you as an audit chair. Nothing was created.");
        }

        var now = time.GetUtcNow();
        var chair = turn.Person();
        var built = Build(Guid.Empty, data, chair, now);
        if (built.Error is { } error)
        {
            return Reply.Card(CreateCard.Form(data, error));
        }

        // Create audit pressed twice (a double click, Teams sending again, a second device): the draft the first press made
        // is answered again, as it was; nothing new is stored or logged.
        var chaired = await store.ListChairedByAsync(chair, ct).ConfigureAwait(false);
        if (chaired.Where(d => d.IsUntouchedTwinOf(built.Audit!, now)).MaxBy(d => d.CreatedAt) is { } twin)
        {
            return Created(twin);
        }

        // Two presses at the same moment both find no twin: they make the same id, so the store's unique key lets one
        // commit, and the other's turn runs again from fresh reads and finds the first draft above. A purged audit's id is
        // not given again (see CreateAuditIds).
        var id = await CreateAuditIds.NextAsync(built.Audit!, chaired,
            (candidate, token) => AuditPurge.WasPurgedAsync(log, candidate, token), ct).ConfigureAwait(false);
        var audit = Build(id, data, chair, now).Audit!;
        await store.InsertAuditAsync(audit, ct).ConfigureAwait(false);
        await store.InsertChannelAsync(ChannelOf(turn, audit, chair), ct).ConfigureAwait(false);
        await trail.RecordAsync(chair, "audit.created", AuditSubjects.Audit, audit.Id,
            new { title = AuditTrail.Fingerprint(audit.Title), audit.TemplateKey, scale = audit.GradeScale.Key, audit.ReturnsDueAt }, ct)
            .ConfigureAwait(false);
        return Created(audit);
    }

    private static InvokeResponse Created(Audit audit) =>
        Reply.Card(DashboardCard.Dashboard(audit, message: "Audit created. Next: shape the questions, add cases and agencies.",
            tone: Tone.Success));

    /// <summary>The audit the form describes, with <paramref name="id"/>, or the first thing wrong with the form.</summary>
    private static (Audit? Audit, string? Error) Build(Guid id, CreateAuditData data, PersonRef chair, DateTimeOffset now)
    {
        var created = Audit.Create(id, data.Title, data.TemplateKey, chair, now, data.GradeScaleKey);
        if (!created.Succeeded)
        {
            return (null, created.Message);
        }

        var audit = created.Value!;
        if (CardInput.Date(data.ReturnsDue) is not { } due)
        {
            return (null, "Choose the date returns are due.");
        }

        return ApplySettings(audit, data, due, now).FirstOrDefault(p => !p.Succeeded) is { } failed
            ? (null, failed.Message)
            : (audit, null);
    }

    /// <summary>Applies every setting of the form; the outcome of each, in the form's order.</summary>
    private static List<DomainResult> ApplySettings(Audit audit, CreateAuditData data, DateOnly due, DateTimeOffset now)
    {
        var outcomes = new List<DomainResult> { audit.ScheduleReturnsDue(AuditDates.ReturnsDueOn(due), now) };
        if (!string.IsNullOrWhiteSpace(data.Theme))
        {
            outcomes.Add(audit.Rename(data.Title, data.Theme));
        }

        if (!string.IsNullOrWhiteSpace(data.LookBackMonths))
        {
            var period = CardInput.WholeNumber(data.LookBackMonths) is { } months
                ? LookBackPeriod.OfMonths(months)
                : DomainResult<LookBackPeriod>.Fail(DomainErrorKind.Invalid, "The look-back period is a whole number of months.");
            outcomes.Add(period.Succeeded ? audit.SetLookBack(period.Value!) : DomainResult.Invalid(period.Message));
        }

        if (CardInput.Date(data.WorkshopDate) is { } workshop)
        {
            outcomes.Add(audit.ScheduleWorkshop(AuditDates.WorkshopOn(workshop)));
        }
        else if (!string.IsNullOrWhiteSpace(data.WorkshopDate))
        {
            outcomes.Add(DomainResult.Invalid("The workshop date is not a date."));
        }

        if (!string.IsNullOrWhiteSpace(data.ReminderDays))
        {
            outcomes.Add(CardInput.WholeNumber(data.ReminderDays, 0, 1000) is { } days
                ? audit.SetReminders(days)
                : DomainResult.Invalid("Reminder days is a whole number."));
        }

        return outcomes;
    }

    /// <summary>Where the audit runs in Teams: this conversation, and the chair's Teams id for 1:1 messages.</summary>
    private static AuditChannel ChannelOf(TurnContext turn, Audit audit, PersonRef chair)
    {
        var teamsIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (turn.Activity.From?.Id is { } fromId)
        {
            teamsIds[chair.UserId] = fromId;
        }

        return new AuditChannel
        {
            AuditId = audit.Id,
            ServiceUrl = turn.ServiceUrl,
            TenantId = turn.TenantId() ?? string.Empty,
            ConversationId = ConversationTracker.KeyOf(turn.Activity),
            ChairTeamsId = turn.Activity.From?.Id,
            TeamsIds = teamsIds,
        };
    }
}

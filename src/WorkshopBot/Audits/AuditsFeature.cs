using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Help.Domain;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits;

/// <summary>Registration and routes of the audit feature.</summary>
public static class AuditsFeature
{
    public static IServiceCollection AddAudits(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .Validate(o => o.SafetyResendAfter > TimeSpan.Zero && o.JobInterval > TimeSpan.Zero && o.ExportLinkLifetime > TimeSpan.Zero, "Audits: intervals must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(IdentifierScanner.Default);
        services.AddSingleton<FreeTextCheck>();
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<SignedLinks>();
        services.TryAddSingleton<IIdGenerator, GuidIdGenerator>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditMessenger>();
        services.AddScoped<TrackerService>();
        services.AddScoped<SafetyAlerts>();
        services.AddScoped<AuditExports>();
        services.AddScoped<ChairHandler>();
        services.AddScoped<ReturnHandler>();
        services.AddScoped<IRepresentativeLookup, AuditRepresentativeLookup>();
        services.AddSingleton<AuditJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditJobs>());
        return services;
    }

    public static void MapAudits(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("new audit", (turn, _, ct) => Chair(turn).NewAuditCommandAsync(turn, ct));
        router.OnCommand("returns", (turn, _, ct) => Chair(turn).ReturnsCommandAsync(turn, ct));
        router.OnCommand("my audits", (turn, _, ct) => Rep(turn).MyAuditsCommandAsync(turn, ct));

        router.OnCardAction<CreateAuditData>(AuditVerbs.Create, (t, d, ct) => Chair(t).CreateAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Dashboard, (t, d, ct) => Chair(t).DashboardAsync(t, d, ct));
        router.OnCardAction<QuestionsData>(AuditVerbs.Questions, (t, d, ct) => Chair(t).QuestionsAsync(t, d, ct));
        router.OnCardAction<EditQuestionData>(AuditVerbs.EditQuestion, (t, d, ct) => Chair(t).EditQuestionAsync(t, d, ct));
        router.OnCardAction<SaveQuestionData>(AuditVerbs.SaveQuestion, (t, d, ct) => Chair(t).SaveQuestionAsync(t, d, ct));
        router.OnCardAction<QuestionRefData>(AuditVerbs.RemoveQuestion, (t, d, ct) => Chair(t).RemoveQuestionAsync(t, d, ct));
        router.OnCardAction<MoveQuestionData>(AuditVerbs.MoveQuestion, (t, d, ct) => Chair(t).MoveQuestionAsync(t, d, ct));
        router.OnCardAction<AddSectionData>(AuditVerbs.AddSection, (t, d, ct) => Chair(t).AddSectionAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Cases, (t, d, ct) => Chair(t).CasesAsync(t, d, ct));
        router.OnCardAction<AddCaseData>(AuditVerbs.AddCase, (t, d, ct) => Chair(t).AddCaseAsync(t, d, ct));
        router.OnCardAction<CaseRefData>(AuditVerbs.RemoveCase, (t, d, ct) => Chair(t).RemoveCaseAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Agencies, (t, d, ct) => Chair(t).AgenciesAsync(t, d, ct));
        router.OnCardAction<AddAgencyData>(AuditVerbs.AddAgency, (t, d, ct) => Chair(t).AddAgencyAsync(t, d, ct));
        router.OnCardAction<AgencyRefData>(AuditVerbs.AgencyPeople, (t, d, ct) => Chair(t).AgencyPeopleAsync(t, d, ct));
        router.OnCardAction<AgencyPeopleData>(AuditVerbs.SaveAgencyPeople, (t, d, ct) => Chair(t).SaveAgencyPeopleAsync(t, d, ct));
        router.OnCardAction<AgencyRefData>(AuditVerbs.RemoveAgency, (t, d, ct) => Chair(t).RemoveAgencyAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Issue, (t, d, ct) => Chair(t).IssueAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Tracker, (t, d, ct) => Chair(t).TrackerAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Remind, (t, d, ct) => Chair(t).RemindAsync(t, d, ct));
        router.OnCardAction<ExtendDueData>(AuditVerbs.ExtendDue, (t, d, ct) => Chair(t).ExtendDueAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.ReopenForm, (t, d, ct) => Chair(t).ReopenFormAsync(t, d, ct));
        router.OnCardAction<ReopenData>(AuditVerbs.Reopen, (t, d, ct) => Chair(t).ReopenAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(AuditVerbs.Export, (t, d, ct) => Chair(t).ExportAsync(t, d, ct));

        router.OnCardAction<ReturnRefData>(AuditVerbs.OpenReturn, (t, d, ct) => Rep(t).OpenAsync(t, d, ct));
        router.OnCardAction<SaveSectionData>(AuditVerbs.SaveSection, (t, d, ct) => Rep(t).SaveSectionAsync(t, d, ct));
        router.OnCardAction<SaveSummaryData>(AuditVerbs.SaveSummary, (t, d, ct) => Rep(t).SaveSummaryAsync(t, d, ct));
        router.OnCardAction<SubmitReturnData>(AuditVerbs.ConfirmSubmit, (t, d, ct) => Rep(t).ConfirmSubmitAsync(t, d, ct));
        router.OnCardAction<SubmitReturnData>(AuditVerbs.Submit, (t, d, ct) => Rep(t).SubmitAsync(t, d, ct));
        router.OnCardAction<AskReopenData>(AuditVerbs.AskReopen, (t, d, ct) => Rep(t).AskReopenAsync(t, d, ct));

        router.OnCardAction<AcknowledgeAlertData>(AuditVerbs.AcknowledgeAlert, async (t, d, ct) =>
            ChairHandler.Reply((await Resolve<SafetyAlerts>(t).AcknowledgeAsync(d.EscalationId, ChairHandler.Person(t), ct).ConfigureAwait(false)).Card));

    }

    /// <summary>The download endpoint for export links (see <see cref="AuditExports"/>).</summary>
    public static void MapAuditEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/exports/{token}", (string token, AuditExports exports, AuditStore store, AuditTrail trail, CancellationToken ct) =>
            AuditExports.DownloadAsync(token, exports, store, trail, ct));

    private static ChairHandler Chair(TurnContext turn) => Resolve<ChairHandler>(turn);

    private static ReturnHandler Rep(TurnContext turn) => Resolve<ReturnHandler>(turn);

    private static T Resolve<T>(TurnContext turn)
        where T : notnull => (T)turn.Services.GetService(typeof(T))!;
}

/// <summary>Tells the help card whether someone represents an agency in any issued audit.</summary>
public sealed class AuditRepresentativeLookup(AuditStore store) : IRepresentativeLookup
{
    public async Task<bool> IsRepresentativeAsync(string userKey, CancellationToken cancellationToken)
    {
        var me = new PersonRef(userKey, userKey);
        return (await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false))
            .Any(d => d.Value.Agencies.Any(a => a.Representative?.IsSamePerson(me) == true));
    }
}

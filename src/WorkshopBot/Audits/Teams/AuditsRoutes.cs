using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Audits.Teams;

/// <summary>The screens of the audit feature, in the order people meet them.</summary>
public static class AuditsRoutes
{
    public static void Map(ActivityRouter router)
    {
        // "new audit": the chair fills in the creation form.
        CreateScreen.Map(router);

        // The audit's home: its facts, delivery of the tools, Issue and Send missing audit tools; "returns" lists the audits a
        // chair runs.
        DashboardScreen.Map(router);

        // Correcting the audit's title, theme, settings (while a draft) and data-protection references.
        DetailsScreen.Map(router);

        // Shaping the audit tool while a draft: sections and questions.
        QuestionsScreen.Map(router);

        // The cases under audit: pseudonymous references and age bands.
        CasesScreen.Map(router);

        // The agencies taking part: representative, named lead and cases of each.
        AgenciesScreen.Map(router);

        // The representative's audit tool, step by step to submission; "my audits".
        ReturnsScreen.Map(router);

        // An immediate-safety alert, acknowledged by the chair or named lead.
        SafetyScreen.Map(router);

        // The returns tracker: reminders, more time, reopening a submitted return.
        TrackerScreen.Map(router);

        // The chair's answer to a representative's request to reopen a submitted return: declining it.
        ReopenRequestsScreen.Map(router);

        // Someone with a role on an open audit removed from a team or the audit's channel: the chair, or the admins, are told.
        RoleHolderDepartures.Map(router);

        // Download links for the chair, and the download itself.
        ExportScreen.Map(router);

        // How long the audit's data is kept after closure, and the legal hold (a section of the dashboard).
        RetentionScreen.Map(router);

        // Handing the audit's chair to someone else (a section of the dashboard), by a partnership admin or the chair.
        ChairScreen.Map(router);
    }

    /// <summary>The feature's HTTP endpoints (outside Teams): the export download.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder endpoints) => ExportScreen.MapDownload(endpoints);
}

using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The screens of the action plans, in the order people meet them.</summary>
public static class ActionPlansRoutes
{
    public static void Map(ActivityRouter router)
    {
        // "actions": the chair's plans and a lead's own actions; the plan card with the briefing's recommendations.
        PlanScreen.Map(router);

        // The chair turns a recommendation into an action with an owner agency, a lead from the team and a due date.
        CreateScreen.Map(router);

        // The lead's 1:1 card: RAG status with a progress note, and completion with evidence.
        ProgressScreen.Map(router);

        // The chair signs off the evidence, or sends it back with a reason.
        SignOffScreen.Map(router);

        // The chair reassigns, extends or closes an action as no longer needed, with a reason.
        ManageScreen.Map(router);

        // The chair downloads the plan as XLSX through a short-lived link.
        ExportScreen.Map(router);
    }

    /// <summary>The feature's HTTP endpoint (outside Teams): the XLSX download.</summary>
    public static IEndpointRouteBuilder MapActionPlans(this IEndpointRouteBuilder endpoints)
    {
        ExportScreen.MapDownload(endpoints);
        return endpoints;
    }
}

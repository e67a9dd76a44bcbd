using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The screens of a workshop, in the order people meet them.</summary>
public static class WorkshopRoutes
{
    public static void Map(ActivityRouter router)
    {
        // The chair types "workshop" in a channel or meeting chat (or picks the audit): the workshop card is posted.
        StartScreen.Map(router);
        // Join on the workshop card: for the person's own agency, or one they choose.
        JoinScreen.Map(router);
        // The chair's panel for a new poll, and each poll's controls: open, close, reopen, reset, reveal.
        PollsScreen.Map(router);
        // Add idea on an idea board's card, with the check for identifying details.
        IdeasScreen.Map(router);
        // The chair merges, rewords or hides ideas from the poll's controls.
        ModerationScreen.Map(router);
        // Vote: a person's own view of an open poll, their dots or choices.
        BallotScreen.Map(router);
        // The chair confirms a case's multi-agency grade from a grade poll's controls.
        RatifyScreen.Map(router);
        // The chair lists the partnership's recommendations: owner agency, target date, measure of success.
        RecommendationsScreen.Map(router);
        // The chair's CSV of every poll, previewed on a card and downloaded through a signed link.
        ExportScreen.Map(router);
    }

    /// <summary>The workshop's web endpoints: the export download (<c>GET /api/workshops/{token}.csv</c>).</summary>
    public static IEndpointRouteBuilder MapWorkshopDownloads(this IEndpointRouteBuilder endpoints)
    {
        ExportScreen.MapDownload(endpoints);
        return endpoints;
    }
}

namespace WorkshopBot.Insights.Teams;

/// <summary>
/// The partnership's view across audits has no bot screens: it is a Teams tab, a web page on the bot's own host that
/// Teams shows in a frame. Its routes, in the order people meet them:
/// </summary>
public static class InsightsRoutes
{
    public static void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // GET /tab/ (personal tab) and /tab/config (channel tab's configuration), their script, styles and Teams library;
        // then the API the page calls with the Teams token: the view, its JSON and the XLSX for the sub-group's papers.
        TabEndpoints.Map(endpoints);
    }
}

using WorkshopBot.Briefings.Storage;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The screens of the 7-minute briefing, in the order people meet them.</summary>
public static class BriefingsRoutes
{
    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        // Graph addresses a team by its Microsoft 365 group id, which only install and channel activities carry.
        router.BeforeEach(RememberTeamGroupIdAsync);
        // The chair types "briefing", picks an audit, reviews and edits the composed briefing, and approves it.
        ComposeScreen.Map(router);
        // The chair chooses team channels and posts the approved version; a failed file upload can be retried.
        PublishScreen.Map(router);
        // Teams record "Our team discussed this" in their channel; the chair tracks use and reminds the others.
        DiscussionScreen.Map(router);
        // The chair withdraws a published briefing: every post says so, and no further discussion is recorded.
        WithdrawScreen.Map(router);
        // The chair downloads the briefing as Word or Markdown through a short-lived link.
        ExportScreen.Map(router);
    }

    /// <summary><c>GET /api/briefings/{token}.docx</c> and <c>.md</c> (see <see cref="ExportScreen"/>).</summary>
    public static IEndpointRouteBuilder MapBriefingDownloads(this IEndpointRouteBuilder endpoints) => ExportScreen.MapDownloads(endpoints);

    private static async Task RememberTeamGroupIdAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.GetTeamsChannelData()?.Team is { Id.Length: > 0, AadGroupId.Length: > 0 } team)
        {
            await turn.Services.GetRequiredService<BriefingStore>().RememberTeamGroupIdAsync(team.Id, team.AadGroupId!, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}

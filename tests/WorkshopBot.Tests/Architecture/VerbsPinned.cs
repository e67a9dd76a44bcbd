using WorkshopBot.Cards;
using WorkshopBot.Hosting;

namespace WorkshopBot.Tests.Architecture;

/// <summary>
/// Verb strings are wire contracts: cards already posted in Teams carry them, so a renamed verb breaks every such card.
/// This list changes only by adding verbs.
/// </summary>
public sealed class VerbsPinned
{
    private static readonly string[] CardActions =
    [
        "actions.close", "actions.create", "actions.create.form", "actions.evidence", "actions.evidence.form",
        "actions.evidence.return",
        "actions.export", "actions.extend", "actions.manage", "actions.mine", "actions.plan.open", "actions.plans.choose",
        "actions.reassign", "actions.signoff",
        "actions.signoff.review", "actions.update", "actions.update.form", "actions.view",
        "audit.agencies", "audit.agency.add", "audit.agency.people", "audit.agency.people.save", "audit.agency.remove",
        "audit.case.add", "audit.case.remove", "audit.cases", "audit.chair.handover", "audit.chair.handover.save", "audit.close",
        "audit.create", "audit.dashboard", "audit.details",
        "audit.details.save", "audit.export",
        "audit.extend",
        "audit.issue", "audit.question.edit", "audit.question.move", "audit.question.remove", "audit.question.save",
        "audit.questions", "audit.release", "audit.remind", "audit.reopen", "audit.reopen.form", "audit.section.add", "audit.tracker",
        "audit.retention", "audit.retention.hold", "audit.retention.save", "audit.workshop.reschedule",
        "briefing.approve", "briefing.discussion.back", "briefing.discussion.correct", "briefing.discussion.form",
        "briefing.discussion.move", "briefing.discussion.remove", "briefing.discussion.save", "briefing.edit.form",
        "briefing.edit.save", "briefing.export", "briefing.open", "briefing.publish", "briefing.publish.choose", "briefing.regenerate",
        "briefing.remind", "briefing.upload.retry", "briefing.usage", "briefing.withdraw", "briefing.withdraw.confirm",
        "help.command", "help.show",
        "return.open", "return.reopen.ask", "return.reopen.decline", "return.section.save", "return.submit", "return.submit.confirm",
        "return.summary.save",
        "safety.ack",
        "workshop.chair", "workshop.export", "workshop.idea.add", "workshop.idea.moderate", "workshop.join", "workshop.poll.create",
        "workshop.poll.manage", "workshop.poll.open.anyway", "workshop.poll.phase", "workshop.poll.view", "workshop.ratify",
        "workshop.recommendation.add",
        "workshop.recommendation.remove", "workshop.recommendations", "workshop.start", "workshop.start.choose",
        "workshop.vote.choose", "workshop.vote.dot",
    ];

    [Fact]
    public void EveryPinnedVerbIsStillRouted()
    {
        var router = BotRoutes.Build();
        var routed = router.CardActionVerbs.Keys.Concat(router.SubmitVerbs.Keys).ToHashSet(StringComparer.Ordinal);

        var missing = CardActions.Where(v => !routed.Contains(v)).ToList();

        Assert.True(missing.Count == 0, "Pinned verbs no longer routed: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRoutedVerbIsPinned()
    {
        var routed = BotRoutes.Build().CardActionVerbs.Keys.Concat(BotRoutes.Build().SubmitVerbs.Keys);

        var unpinned = routed.Where(v => !CardActions.Contains(v, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unpinned.Count == 0, "Routed verbs missing from the pinned list: " + string.Join(", ", unpinned));
    }
}

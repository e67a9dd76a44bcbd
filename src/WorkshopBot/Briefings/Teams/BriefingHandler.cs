using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The chair's briefing flow (compose, review, edit, regenerate, approve, publish, track, export) and the
/// practitioners' "Our team discussed this". Every refusal is a polite card; nothing changes on bad input.
/// </summary>
public sealed class BriefingHandler(
    BriefingInputs inputs,
    BriefingStore store,
    BriefingComposer composer,
    BriefingPublisher publisher,
    BriefingPrivacy privacy,
    BriefingDownloadLinks links,
    IConversationStore conversations,
    IAuditLog log,
    Roles roles,
    IOptions<WorkshopBotOptions> botOptions,
    TimeProvider time,
    IIdGenerator ids)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task SendPickerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync("Briefings are prepared in private: open your personal chat with me and type **briefing**.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var audits = await inputs.ListBriefableAsync(turn.UserKey, roles.IsAdmin(turn.UserKey), cancellationToken).ConfigureAwait(false);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(BriefingCards.AuditPicker(audits)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> OpenAsync(TurnContext turn, OpenBriefingData data, CancellationToken cancellationToken)
    {
        var (audit, refusal) = await ChairAuditAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return refusal!;
        }

        var document = await store.GetAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            var source = await inputs.LoadSourceAsync(audit, cancellationToken).ConfigureAwait(false);
            var record = BriefingRecord.Start(composer.Compose(source, Today), Person(turn), time.GetUtcNow());
            if (await store.TryInsertAsync(record, cancellationToken).ConfigureAwait(false))
            {
                await LogAsync(turn, "briefing.composed", audit.Id, new { version = 1 }, cancellationToken).ConfigureAwait(false);
            }

            document = await store.GetAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        }

        return Preview(document!.Value);
    }

    public async Task<InvokeResponse> EditFormAsync(TurnContext turn, EditFormData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        if (!Enum.IsDefined(data.Box))
        {
            return Card(BriefingCards.Message("Unknown box", "That box is not part of the briefing.", data.AuditId));
        }

        return data.Version != document.Value.Latest.Number
            ? Preview(document.Value, $"The briefing has changed since that card was shown; this is version {document.Value.Latest.Number}.")
            : Card(BriefingCards.EditForm(document.Value.Latest.Content, data.Version, data.Box));
    }

    public async Task<InvokeResponse> EditSaveAsync(TurnContext turn, EditSaveData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        if (!Enum.IsDefined(data.Box))
        {
            return Card(BriefingCards.Message("Unknown box", "That box is not part of the briefing.", data.AuditId));
        }

        var error = FreeText.Validate(data.Lead, "The opening sentence", 1000)
            ?? FreeText.Validate(data.Points, "The points")
            ?? FreeText.Validate(data.Questions, "The questions", 2000);
        var questions = BriefingText.SplitPoints(data.Questions).ToList();
        if (error is null && data.Box == BriefingBoxKind.DoNow && questions.Count is < 3 or > 4)
        {
            error = $"Give three or four questions for the team (one per line); there are {questions.Count}.";
        }

        if (error is not null)
        {
            return Card(BriefingCards.Message("Not saved", error, data.AuditId));
        }

        var current = document.Value.Latest.Content.Box(data.Box);
        var lead = FreeText.Normalise(data.Lead);
        var box = current with
        {
            Lead = lead.Length == 0 ? null : lead,
            Points = BriefingText.SplitPoints(data.Points).ToList(),
            Questions = data.Box == BriefingBoxKind.DoNow ? questions : [],
            EditedByChair = true,
        };
        return await AddVersionAsync(turn, document, document.Value.Latest.Content.WithBox(box), $"Edited \"{current.Title}\"", data.Version,
            "briefing.edited", new { box = data.Box.ToString() }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> RegenerateAsync(TurnContext turn, RegenerateData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        if (data.Box is { } kind && !Enum.IsDefined(kind))
        {
            return Card(BriefingCards.Message("Unknown box", "That box is not part of the briefing.", data.AuditId));
        }

        var audit = await inputs.FindAuditAsync(data.AuditId, cancellationToken).ConfigureAwait(false);
        var source = await inputs.LoadSourceAsync(audit!, cancellationToken).ConfigureAwait(false);
        var regenerated = composer.Regenerate(document.Value.Latest.Content, source, Today, data.Box);
        var change = data.Box is { } box ? $"Regenerated \"{BriefingComposer.TitleOf(box)}\"" : "Regenerated every box";
        return await AddVersionAsync(turn, document, regenerated, change, data.Version, "briefing.regenerated",
            new { box = data.Box?.ToString() ?? "all" }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ApproveAsync(TurnContext turn, ApproveData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        var audit = await inputs.FindAuditAsync(data.AuditId, cancellationToken).ConfigureAwait(false);
        var result = document.Value.Approve(data.Version, Person(turn), time.GetUtcNow(), privacy.Scanner,
            audit?.Cases.Select(c => c.Reference.Value).ToList());
        if (!result.Succeeded)
        {
            return Preview(document.Value, result.Message);
        }

        if (!await store.TryUpdateAsync(document, cancellationToken).ConfigureAwait(false))
        {
            var fresh = await store.GetAsync(data.AuditId, cancellationToken).ConfigureAwait(false);
            return Preview(fresh!.Value, "Someone changed the briefing at the same moment; review this version and approve again.");
        }

        await LogAsync(turn, "briefing.approved", data.AuditId, new { version = data.Version }, cancellationToken).ConfigureAwait(false);
        return Preview(document.Value, $"Version {data.Version} is approved. Choose Publish to post it to team channels.");
    }

    public async Task<InvokeResponse> ChooseChannelsAsync(TurnContext turn, ChooseChannelsData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        if (document.Value.Approved is not { } approved)
        {
            return Preview(document.Value, "Approve the briefing before publishing it.");
        }

        var channels = await conversations.ListChannelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Card(BriefingCards.ChooseChannels(data.AuditId, approved.Number,
            channels.Select(c => (c.ConversationId, c.TeamName is null ? c.ChannelName ?? c.ConversationId : $"{c.TeamName} > {c.ChannelName ?? "General"}")).ToList()));
    }

    public async Task<InvokeResponse> PublishAsync(TurnContext turn, PublishData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        if (document.Value.ApprovedVersion is not { } approved)
        {
            return Preview(document.Value, "Approve the briefing before publishing it.");
        }

        if (approved != data.Version)
        {
            return Preview(document.Value, $"Version {approved} is the approved version now. Choose Publish again.");
        }

        var channelIds = (data.Channels ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (channelIds.Length == 0)
        {
            return Card(BriefingCards.Message("No channel chosen", "Choose at least one channel to publish to.", data.AuditId));
        }

        var (outcomes, unknown) = await publisher.PublishAsync(data.AuditId, channelIds, Person(turn), turn.Activity.GetTenantId(), cancellationToken).ConfigureAwait(false);
        return Card(BriefingCards.PublishResult(data.AuditId, approved, outcomes, unknown));
    }

    public async Task<InvokeResponse> RetryUploadAsync(TurnContext turn, RetryUploadData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        var (result, linkAdded) = await publisher.RetryUploadAsync(data.AuditId, data.Version, data.ChannelId, Person(turn), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var publication = document.Value.FindPublication(data.ChannelId, data.Version);
            return publication is null
                ? Card(BriefingCards.Message("Not published there", result.Error ?? "This briefing was not published to that channel.", data.AuditId))
                : Card(BriefingCards.PublishResult(data.AuditId, data.Version,
                    [new PublishOutcome(data.ChannelId, publication.DisplayName, true, true, FileUploadState.Failed, null, result.Error)], []));
        }

        return Card(BriefingCards.Message("File uploaded",
            linkAdded
                ? "The Word version is now in the channel's Files, and the post links to it."
                : "The Word version is now in the channel's Files. The channel post is still on its way, so it will not link to the file; find it in the channel's Files tab.",
            data.AuditId));
    }

    public async Task<InvokeResponse> UsageAsync(TurnContext turn, UsageData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        return Card(await UsageCardAsync(document.Value, cancellationToken).ConfigureAwait(false));
    }

    public async Task<InvokeResponse> RemindAsync(TurnContext turn, RemindData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        var count = await publisher.RemindAsync(data.AuditId, Person(turn), cancellationToken).ConfigureAwait(false);
        return Card(BriefingCards.Message("Reminders",
            count == 0
                ? "No reminder was sent: every channel has recorded a discussion, or was already reminded today."
                : $"A reminder is on its way to {count} channel(s) that have not recorded a discussion.",
            data.AuditId));
    }

    public async Task<InvokeResponse> ExportAsync(TurnContext turn, ExportData data, CancellationToken cancellationToken)
    {
        var (document, refusal) = await ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        var version = document.Value.Approved ?? document.Value.Latest;
        var baseUrl = botOptions.Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return Card(BriefingCards.Export(data.AuditId, version.Number, null, null));
        }

        var root = new Uri(baseUrl.TrimEnd('/') + "/");
        var docx = new Uri(root, await links.CreatePathAsync(data.AuditId, version.Number, BriefingDownloadLinks.Docx, turn.UserKey, cancellationToken).ConfigureAwait(false));
        var markdown = new Uri(root, await links.CreatePathAsync(data.AuditId, version.Number, BriefingDownloadLinks.Markdown, turn.UserKey, cancellationToken).ConfigureAwait(false));
        await LogAsync(turn, "briefing.export.link", data.AuditId, new { version = version.Number }, cancellationToken).ConfigureAwait(false);
        return Card(BriefingCards.Export(data.AuditId, version.Number, docx, markdown));
    }

    public async Task<InvokeResponse> DiscussionFormAsync(TurnContext turn, DiscussionFormData data, CancellationToken cancellationToken)
    {
        var (record, publication, refusal) = await PublishedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken).ConfigureAwait(false);
        return record is null
            ? refusal!
            : Card(BriefingCards.DiscussionForm(record.Version(publication!.Version)!.Content, publication.Version, publication.ChannelId, Today));
    }

    public async Task<InvokeResponse> DiscussionSaveAsync(TurnContext turn, DiscussionSaveData data, CancellationToken cancellationToken)
    {
        var (record, publication, refusal) = await PublishedHereAsync(turn, data.AuditId, data.Version, data.ChannelId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return refusal!;
        }

        var briefing = record.Version(publication!.Version)!.Content;
        var error = ValidateDiscussion(data, publication, out var discussedOn, out var attended);
        if (error is not null)
        {
            return Card(BriefingCards.DiscussionForm(briefing, publication.Version, publication.ChannelId, Today, data) with
            {
                Body = [new TextBlock { Text = error, Wrap = true, Color = TextColor.Attention }, .. BriefingCards.DiscussionForm(briefing, publication.Version, publication.ChannelId, Today, data).Body],
            });
        }

        var check = privacy.Scanner.Check(FreeText.Normalise(data.Reflections) + "\n" + FreeText.Normalise(data.TeamActions));
        var confirmed = string.Equals(data.Confirm, "true", StringComparison.OrdinalIgnoreCase);
        if (check.HasFindings && !confirmed)
        {
            return Card(BriefingCards.DiscussionForm(briefing, publication.Version, publication.ChannelId, Today, data, check));
        }

        var reflections = FreeText.Normalise(data.Reflections);
        var teamActions = FreeText.Normalise(data.TeamActions);
        // A double click on Save, or Teams retrying the invoke, must not count the same discussion (and its attendance) twice.
        var existing = (await store.ListDiscussionsAsync(data.AuditId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d =>
            d.ChannelId == publication.ChannelId && d.BriefingVersion == publication.Version && d.RecordedBy.UserId == turn.UserKey
            && d.DiscussedOn == discussedOn && d.Attended == attended && d.Reflections == reflections && d.TeamActions == teamActions);
        if (existing is not null)
        {
            return Card(BriefingCards.Posted(briefing, publication.Version, publication.ChannelId, publication.FileUrl,
                $"Recorded by {existing.RecordedBy.DisplayName}: {attended} attended on {discussedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}. Thank you."));
        }

        var conversation = await conversations.GetAsync(publication.ChannelId, cancellationToken).ConfigureAwait(false);
        var discussion = new TeamDiscussion(ids.NewId(), data.AuditId, publication.Version, publication.ChannelId,
            conversation?.TeamName ?? publication.TeamName, discussedOn, attended, FreeText.Normalise(data.Reflections),
            FreeText.Normalise(data.TeamActions), Person(turn), time.GetUtcNow(), check.HasFindings);
        await store.AddDiscussionAsync(discussion, cancellationToken).ConfigureAwait(false);
        await LogAsync(turn, "briefing.discussion.recorded", data.AuditId,
            new { discussion = discussion.Id, channelId = publication.ChannelId, attended, identifierWarningConfirmed = check.HasFindings }, cancellationToken).ConfigureAwait(false);
        var note = $"Recorded by {discussion.RecordedBy.DisplayName}: {attended} attended on {discussedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}. Thank you.";
        return Card(BriefingCards.Posted(briefing, publication.Version, publication.ChannelId, publication.FileUrl, note));
    }

    public async Task<AdaptiveCard> UsageCardAsync(BriefingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var discussions = await store.ListDiscussionsAsync(record.AuditId, cancellationToken).ConfigureAwait(false);
        var usage = BriefingPublisher.LatestPerChannel(record)
            .Select(p => new ChannelUsage(p, discussions.Where(d => d.ChannelId == p.ChannelId).ToList()))
            .ToList();
        return BriefingCards.Usage(record.AuditId, (record.Approved ?? record.Latest).Content.Title, usage);
    }

    private string? ValidateDiscussion(DiscussionSaveData data, ChannelPublication publication, out DateOnly discussedOn, out int attended)
    {
        attended = 0;
        if (!DateOnly.TryParseExact(data.DiscussedOn ?? string.Empty, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out discussedOn))
        {
            return "Give the date of the discussion.";
        }

        if (discussedOn > Today || discussedOn < DateOnly.FromDateTime(publication.PostedAt.UtcDateTime))
        {
            return "The date must be between the day the briefing was posted and today.";
        }

        if (!double.TryParse(data.Attended, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            || number % 1 != 0 || number < 1 || number > TeamDiscussion.MaxAttended)
        {
            return $"Give how many attended, as a whole number from 1 to {TeamDiscussion.MaxAttended}.";
        }

        attended = (int)number;
        if (string.IsNullOrWhiteSpace(data.Reflections))
        {
            return "Add your team's reflections.";
        }

        return FreeText.Validate(data.Reflections, "Your reflections", TeamDiscussion.MaxTextLength)
            ?? FreeText.Validate(data.TeamActions, "Your team actions", TeamDiscussion.MaxTextLength);
    }

    private async Task<(BriefingRecord? Record, ChannelPublication? Publication, InvokeResponse? Refusal)> PublishedHereAsync(
        TurnContext turn, Guid auditId, int version, string channelId, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        var publication = document?.Value.FindPublication(channelId ?? string.Empty, version);
        // The action must come from the channel the briefing was posted to, so data copied elsewhere is refused.
        var here = turn.Activity.Conversation is null ? null : ConversationTracker.KeyOf(turn.Activity);
        if (document is null || publication is null || !string.Equals(here, channelId, StringComparison.Ordinal))
        {
            return (null, null, Card(BriefingCards.Message("Not available here", "This briefing was not posted to this channel, so a discussion cannot be recorded here.")));
        }

        return (document.Value, publication, null);
    }

    private async Task<InvokeResponse> AddVersionAsync(TurnContext turn, VersionedDocument<BriefingRecord> document, Briefing content, string change,
        int basedOn, string action, object detail, CancellationToken cancellationToken)
    {
        var result = document.Value.AddVersion(content, change, basedOn, Person(turn), time.GetUtcNow());
        if (!result.Succeeded)
        {
            return result.Error!.Kind == DomainErrorKind.Stale
                ? Preview(document.Value, result.Error.Message)
                : Card(BriefingCards.Message("Not saved", result.Error.Message, document.Value.AuditId));
        }

        if (!await store.TryUpdateAsync(document, cancellationToken).ConfigureAwait(false))
        {
            var fresh = await store.GetAsync(document.Value.AuditId, cancellationToken).ConfigureAwait(false);
            return Preview(fresh!.Value, "Someone else changed the briefing at the same moment. Here is their version; make your change again.");
        }

        var number = result.Value!.Number;
        await LogAsync(turn, action, document.Value.AuditId, new { version = number, detail }, cancellationToken).ConfigureAwait(false);
        return Preview(document.Value, $"Saved as version {number}.");
    }

    private InvokeResponse Preview(BriefingRecord record, string? notice = null) =>
        Card(BriefingCards.Preview(record, notice, privacy.Scanner.Check(record.Latest.Content.FullText())));

    private async Task<(Audit? Audit, InvokeResponse? Refusal)> ChairAuditAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken)
    {
        var audit = await inputs.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return (null, Card(BriefingCards.Message("Audit not found", "That audit does not exist or has been removed.")));
        }

        if (!audit.IsChair(Person(turn)) && !roles.IsAdmin(turn.UserKey))
        {
            return (null, Card(BriefingCards.Message("Chair only", $"Only the audit chair ({audit.Chair.DisplayName}) can prepare and publish this briefing.")));
        }

        return (audit, null);
    }

    private async Task<(VersionedDocument<BriefingRecord>? Document, InvokeResponse? Refusal)> ChairBriefingAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken)
    {
        var (audit, refusal) = await ChairAuditAsync(turn, auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return (null, refusal);
        }

        var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        return document is null
            ? (null, Card(BriefingCards.Message("No briefing yet", "Open the briefing first to compose it.", auditId)))
            : (document, null);
    }

    private Task LogAsync(TurnContext turn, string action, Guid auditId, object detail, CancellationToken cancellationToken) =>
        log.AppendAsync(new NewAuditEvent(time.GetUtcNow(), turn.UserKey, turn.UserName, action, "briefing", auditId.ToString("D"),
            JsonSerializer.Serialize(detail)), cancellationToken);

    private static PersonRef Person(TurnContext turn) => new(turn.UserKey, turn.UserName ?? "Unknown user");

    private static InvokeResponse Card(AdaptiveCard card) =>
        new(200, AdaptiveCardInvokeResponse.Card(AdaptiveCardJson.ToJsonElement(card)));
}

/// <summary>The identifier scanner with the partnership's own published contacts allowed (they appear in the footer).</summary>
public sealed class BriefingPrivacy(IOptions<BriefingOptions> options)
{
    public IdentifierScanner Scanner { get; } = new(new IdentifierScannerOptions
    {
        AllowedEmails = options.Value.AllowedContactEmails,
        AllowedPhoneNumbers = options.Value.AllowedContactPhoneNumbers,
    });
}

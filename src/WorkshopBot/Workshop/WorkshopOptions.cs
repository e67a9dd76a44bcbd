namespace WorkshopBot.Workshop;

/// <summary>Workshop settings (section <c>Workshop</c>).</summary>
public sealed class WorkshopOptions
{
    public const string Section = "Workshop";

    /// <summary>Shortest gap between two updates of cards in one conversation (Teams allows 7 writes a second; one is plenty).</summary>
    public TimeSpan CardUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an idea board's shared card waits, after the last idea added to it, before it is updated. Teams keeps
    /// neither the text typed into a card nor its open Add idea form when the card is updated, so an update while someone
    /// types would lose their idea. Zero: updated at the next slot, as a vote's change.
    /// </summary>
    public TimeSpan IdeaBoardQuiet { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the phase timer looks for polls whose time is up.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an open poll's counts must have kept still, with its live card showing older counts, before any instance
    /// sends the card again (<see cref="Jobs.LiveCardCatchUp"/>, every <see cref="TimerPollInterval"/>): the update was lost
    /// with an instance that stopped. Longer than a live update takes in the normal way, so it never races one.
    /// </summary>
    public TimeSpan CardCatchUpAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How old a close made ahead of its turn must be before the phase timer finishes it as one whose turn never committed:
    /// longer than a turn, with its retries, ever takes.
    /// </summary>
    public TimeSpan UnfinishedCloseAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Card refresh reaches at most this many people; larger groups get a personal card in a 1:1 chat.</summary>
    public int MaxRefreshUsers { get; set; } = 60;

    /// <summary>
    /// A voter's next vote is decided without reading again while this instance read the poll's counts at most this long
    /// ago; their ballot then shows the counts as of that read (the live card updates once a second anyway), their own dots
    /// always exact. Zero: every vote reads.
    /// </summary>
    public TimeSpan KnownVoterCountsAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the phase timer in the background (tests call RunOnceAsync instead).</summary>
    public bool RunTimerInBackground { get; set; } = true;
}

namespace WorkshopBot.Storage;

/// <summary>
/// Thrown by a turn's first read when the replay check it carried (<see cref="UnitOfWork.DeferReplayCheck"/>) found the
/// activity handled before: the handler stops there, and the turn coordinator gives the answer stored the first time.
/// </summary>
public sealed class ActivityHandledBeforeException : Exception
{
    public ActivityHandledBeforeException(StoredResponse response)
        : base("This activity was handled before; its stored answer is given again.")
    {
        Response = response;
    }

    /// <summary>The answer stored when the activity was first handled.</summary>
    public StoredResponse Response { get; }
}

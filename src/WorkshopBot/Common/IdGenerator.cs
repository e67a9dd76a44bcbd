namespace WorkshopBot.Common;

/// <summary>New ids for audits, returns, workshops and the like; injectable so tests can make them predictable.</summary>
public interface IIdGenerator
{
    Guid NewId();
}

/// <summary>Random (version 4) GUIDs.</summary>
public sealed class GuidIdGenerator : IIdGenerator
{
    public Guid NewId() => Guid.NewGuid();
}

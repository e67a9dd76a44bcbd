namespace WorkshopBot.Workshop.Domain;

/// <summary>Someone who pressed Join.</summary>
public sealed record WorkshopParticipant(
    string UserKey,
    string ChannelUserId,
    string? Name,
    string? AgencyId,
    string? AgencyName,
    DateTimeOffset JoinedAt);

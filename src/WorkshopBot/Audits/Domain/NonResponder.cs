using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>An agency that still owes returns.</summary>
public sealed record NonResponder(string AgencyId, string AgencyName, PersonRef? Representative, int Outstanding, int Overdue);

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkshopBot.Storage;

/// <summary>
/// The tenant of the people a stored document names. Every document that records a tenant (its top-level
/// <c>tenantId</c>: an audit, return, alert, workshop, briefing, action plan or action) belongs to that organisation, and
/// so does every person in it; but people recorded before tenants were kept (an audit's chair, an alert's recipients, a
/// reopen request, a briefing version's author, ...) were stored by object id alone, and a person without a tenant would
/// be taken for the same object id in any tenant (<c>PersonRef.IsSamePerson</c>). So every document is read through
/// <see cref="Filled"/>: each person in it (an object with a <c>userId</c>) that has no tenant takes the document's. Only a
/// document without a tenant of its own (development mode, no organisation) keeps people without one. Documents are not
/// rewritten: the next change stores them with the tenants filled in.
/// </summary>
public static class PersonTenants
{
    private const int MaxDepth = 64;
    private const byte SeenUserId = 1;
    private const byte SeenTenant = 2;

    /// <summary>
    /// <paramref name="json"/> with the document's tenant given to every person in it that has none; the same string when
    /// there is nothing to fill (or it is not a JSON object with a tenant; the deserialiser then reports what is wrong).
    /// </summary>
    public static string Filled(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\"userId\"", StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        var tenant = TenantIfSomeoneLacksIt(json);
        if (tenant is null)
        {
            return json;
        }

        // Case-sensitive, as the document was written: keys that differ only in case (a dictionary's) are kept apart. The
        // names of a person's id and tenant are matched without regard to case below, as the deserialiser matches them.
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var property in root)
        {
            Fill(property.Value, tenant);
        }

        return root.ToJsonString();
    }

    private static void Fill(JsonNode? node, string tenant)
    {
        switch (node)
        {
            case JsonObject person when IsPerson(person) && !HasTenant(person):
                var named = person.Where(p => IsNamed(p.Key, "tenantId")).Select(p => p.Key).ToList();
                foreach (var name in named.DefaultIfEmpty("tenantId"))
                {
                    person[name] = tenant;
                }

                break;
            case JsonObject other:
                foreach (var property in other)
                {
                    Fill(property.Value, tenant);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Fill(item, tenant);
                }

                break;
        }
    }

    private static bool IsPerson(JsonObject value) =>
        value.Any(p => IsNamed(p.Key, "userId") && p.Value?.GetValueKind() == JsonValueKind.String);

    private static bool HasTenant(JsonObject value) =>
        value.Any(p => IsNamed(p.Key, "tenantId") && p.Value?.GetValueKind() == JsonValueKind.String
            && p.Value.GetValue<string>().Length > 0);

    private static bool IsNamed(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The document's own tenant when some person in it has none (one pass of the reader, nothing allocated but the tenant); null
    /// when the document has no tenant, everyone in it has one, or it is not JSON.
    /// </summary>
    private static string? TenantIfSomeoneLacksIt(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Scan(buffer.AsSpan(0, length));
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Scan(ReadOnlySpan<byte> utf8)
    {
        // One byte per open object or array (the reader refuses more than 64 levels): what the object has shown so far.
        Span<byte> open = stackalloc byte[MaxDepth + 1];
        var depth = 0;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        string? tenant = null;
        var someoneLacks = false;
        var pending = Property.Other;
        while (reader.Read())
        {
            var naming = pending;
            pending = Property.Other;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open[depth++] = 0;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var seen = open[--depth];
                    someoneLacks |= depth > 0 && (seen & (SeenUserId | SeenTenant)) == SeenUserId;
                    break;
                case JsonTokenType.PropertyName:
                    pending = Named(ref reader);
                    break;
                case JsonTokenType.String when naming == Property.UserId:
                    open[depth - 1] |= SeenUserId;
                    break;
                case JsonTokenType.String when naming == Property.TenantId && !reader.ValueTextEquals(""u8):
                    open[depth - 1] |= SeenTenant;
                    tenant = depth == 1 ? reader.GetString() : tenant;
                    break;
            }
        }

        return someoneLacks && !string.IsNullOrEmpty(tenant) ? tenant : null;
    }

    private static Property Named(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            var name = reader.GetString();
            return string.Equals(name, "userId", StringComparison.OrdinalIgnoreCase) ? Property.UserId
                : string.Equals(name, "tenantId", StringComparison.OrdinalIgnoreCase) ? Property.TenantId
                : Property.Other;
        }

        return Ascii.EqualsIgnoreCase(reader.ValueSpan, "userId"u8) ? Property.UserId
            : Ascii.EqualsIgnoreCase(reader.ValueSpan, "tenantId"u8) ? Property.TenantId
            : Property.Other;
    }

    private enum Property
    {
        Other,
        UserId,
        TenantId,
    }
}

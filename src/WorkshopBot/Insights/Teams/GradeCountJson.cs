using System.Text.Json;
using System.Text.Json.Serialization;
using WorkshopBot.Insights.Domain;

namespace WorkshopBot.Insights.Teams;

/// <summary>An exact count as a number, a band as its words ("fewer than 3", "3 or more").</summary>
internal sealed class GradeCountJson : JsonConverter<GradeCount>
{
    public override GradeCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? GradeCount.Of(reader.GetInt32())
            : GradeCount.Band(reader.GetString() == GradeCount.ThreeOrMoreText ? GradeCount.Threshold : 0);

    public override void Write(Utf8JsonWriter writer, GradeCount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Exact is { } count)
        {
            writer.WriteNumberValue(count);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

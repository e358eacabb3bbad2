using System.Text;
using System.Text.Json;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>Renders JSON with sorted keys and no whitespace, so equal documents compare equal. No serializer involved (AOT-safe).</summary>
internal static class CanonicalJson
{
    public static string Render(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var sb = new StringBuilder(json.Length);
            Write(document.RootElement, sb);
            return sb.ToString();
        }
        catch (JsonException)
        {
            // Not valid JSON: Prisma would refuse it; compare the text as written.
            return json;
        }
    }

    private static void Write(JsonElement element, StringBuilder sb)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    sb.Append(first ? string.Empty : ",");
                    first = false;
                    sb.Append(JsonEncodedText.Encode(property.Name).ToString()).Append(':');
                    Write(property.Value, sb);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    sb.Append(index++ == 0 ? string.Empty : ",");
                    Write(item, sb);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(element.GetRawText());
                break;
        }
    }
}

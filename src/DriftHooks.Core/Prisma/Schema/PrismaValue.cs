using System.Text;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>An attribute argument or a datasource/generator property value.</summary>
internal sealed record PrismaValue(
    PrismaValueKind Kind,
    string Text,
    IReadOnlyList<PrismaArgument> Arguments,
    IReadOnlyList<PrismaValue> Items)
{
    internal static PrismaValue Scalar(PrismaValueKind kind, string text) => new(kind, text, [], []);

    /// <summary>A canonical rendering: equal values render equally whatever the source formatting.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Render(sb);
        return sb.ToString();
    }

    internal void Render(StringBuilder sb)
    {
        switch (Kind)
        {
            case PrismaValueKind.String:
                sb.Append('"').Append(Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case PrismaValueKind.Array:
                sb.Append('[');
                for (var i = 0; i < Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Items[i].Render(sb);
                }

                sb.Append(']');
                break;
            case PrismaValueKind.Function:
                sb.Append(Text).Append('(');
                PrismaArgument.RenderAll(sb, Arguments);
                sb.Append(')');
                break;
            default:
                sb.Append(Text);
                break;
        }
    }
}

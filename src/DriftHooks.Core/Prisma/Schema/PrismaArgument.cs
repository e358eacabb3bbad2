using System.Text;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A positional (<see cref="Name"/> null) or named argument.</summary>
internal sealed record PrismaArgument(string? Name, PrismaValue Value)
{
    internal static void RenderAll(StringBuilder sb, IReadOnlyList<PrismaArgument> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            if (arguments[i].Name is { } name)
            {
                sb.Append(name).Append(": ");
            }

            arguments[i].Value.Render(sb);
        }
    }
}

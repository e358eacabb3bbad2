namespace DriftHooks.Core.Rules;

/// <summary>The parts of a migration folder's name: Prisma's <c>20240101000000_add_user</c>, umami's <c>01_init</c>.</summary>
internal static class MigrationName
{
    /// <summary>The length of the run of digits the name starts with, when an underscore follows it; else 0.</summary>
    public static int NumberLength(string name)
    {
        var digits = 0;
        while (digits < name.Length && char.IsAsciiDigit(name[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < name.Length && name[digits] == '_' ? digits : 0;
    }

    /// <summary>The descriptive part with its leading underscore (<c>_add_user</c>); a name without a number is all of it.</summary>
    public static string Description(string name)
    {
        var digits = NumberLength(name);
        return digits > 0 ? name[digits..] : "_" + name;
    }
}

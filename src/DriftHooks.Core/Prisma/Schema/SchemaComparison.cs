using System.Text;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>The database-relevant differences between two schemas; empty when no migration is needed.</summary>
internal sealed record SchemaComparison(IReadOnlyList<SchemaChange> Changes)
{
    private const int MaxNameLength = 40;

    public bool ChangesDatabase => Changes.Count > 0;

    /// <summary>A snake_case migration name such as <c>add_user_nickname</c>, <c>update_post</c> or <c>add_role_enum</c>.</summary>
    public string SuggestedMigrationName => Suggest(Changes);

    private static string Suggest(IReadOnlyList<SchemaChange> changes)
    {
        if (changes.Count == 0)
        {
            return "no_changes";
        }

        var objects = changes.Select(c => (c.Kind, c.Name)).Distinct().ToList();
        string name;
        if (changes.Count == 1)
        {
            var change = changes[0];
            var subject = Snake(change.Name);
            var description = change.Description;
            var kind = change.Kind switch
            {
                SchemaObjectKind.Enum => "enum",
                SchemaObjectKind.Extension => "extension",
                _ => "table",
            };
            name = description switch
            {
                _ when description.StartsWith("column `", StringComparison.Ordinal) && description.EndsWith("` added", StringComparison.Ordinal) =>
                    $"add_{subject}_{Snake(Between(description))}",
                _ when description.StartsWith("column `", StringComparison.Ordinal) && description.EndsWith("` removed", StringComparison.Ordinal) =>
                    $"remove_{subject}_{Snake(Between(description))}",
                _ when description.StartsWith("value `", StringComparison.Ordinal) && description.EndsWith("` added", StringComparison.Ordinal) =>
                    $"add_{subject}_{Snake(Between(description))}",
                _ when description.StartsWith("index ", StringComparison.Ordinal) && description.EndsWith(" added", StringComparison.Ordinal) =>
                    $"add_{subject}_index",
                _ when description.EndsWith(" created", StringComparison.Ordinal) => $"add_{subject}_{kind}",
                _ when description.EndsWith(" dropped", StringComparison.Ordinal) => $"drop_{subject}_{kind}",
                _ => $"update_{subject}",
            };
        }
        else if (objects.Count <= 2)
        {
            name = "update_" + string.Join("_", objects.Select(o => Snake(o.Name)));
        }
        else
        {
            name = "update_schema";
        }

        name = Clean(name);
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength].TrimEnd('_');
        }

        return name.Length == 0 ? "update_schema" : name;
    }

    private static string Between(string description)
    {
        var start = description.IndexOf('`', StringComparison.Ordinal) + 1;
        var end = description.IndexOf('`', start);
        return end > start ? description[start..end] : string.Empty;
    }

    /// <summary>PostPhoto, postPhoto, post_photo and "public.PostPhoto" all become post_photo.</summary>
    private static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && char.IsAsciiLetterUpper(name[i - 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }
        }

        return sb.ToString();
    }

    private static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var d = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_';
            if (d == '_' && (sb.Length == 0 || sb[^1] == '_'))
            {
                continue;
            }

            sb.Append(d);
        }

        return sb.ToString().TrimEnd('_');
    }
}

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
            var kind = change.Kind switch
            {
                SchemaObjectKind.Enum => "enum",
                SchemaObjectKind.Extension => "extension",
                _ => "table",
            };
            name = (change.Verb, change.Member) switch
            {
                (ChangeVerb.Added, SchemaMember.Column or SchemaMember.Value) => $"add_{subject}_{Snake(change.Subject!)}",
                (ChangeVerb.Removed, SchemaMember.Column) => $"remove_{subject}_{Snake(change.Subject!)}",
                (ChangeVerb.Added, SchemaMember.Index) => $"add_{subject}_index",
                (ChangeVerb.Created, SchemaMember.Itself) => $"add_{subject}_{kind}",
                (ChangeVerb.Dropped, SchemaMember.Itself) => $"drop_{subject}_{kind}",
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

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// Decides whether moving from one Prisma schema to another changes a PostgreSQL database, the way
/// <c>prisma migrate diff</c> does, by comparing the two <see cref="DatabaseModel"/>s by database name.
/// </summary>
internal static class DatabaseSchemaComparer
{
    /// <exception cref="SchemaParseException">Either side cannot be parsed or modelled.</exception>
    public static SchemaComparison Compare(IReadOnlyList<SchemaSource> before, IReadOnlyList<SchemaSource> after)
    {
        var from = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(before));
        var to = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(after));
        return Compare(from, to);
    }

    public static SchemaComparison Compare(DatabaseModel before, DatabaseModel after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<SchemaChange>();
        CompareExtensions(before, after, changes);
        CompareEnums(before, after, changes);
        foreach (var name in Keys(before.Tables, after.Tables))
        {
            before.Tables.TryGetValue(name, out var old);
            after.Tables.TryGetValue(name, out var @new);
            if (old is null)
            {
                changes.Add(SchemaChange.Of(@new!.Kind, name, ChangeVerb.Created, "table created"));
            }
            else if (@new is null)
            {
                changes.Add(SchemaChange.Of(old.Kind, name, ChangeVerb.Dropped, "table dropped"));
            }
            else
            {
                CompareTable(old, @new, changes);
            }
        }

        return new SchemaComparison(changes);
    }

    private static void CompareExtensions(DatabaseModel before, DatabaseModel after, List<SchemaChange> changes)
    {
        foreach (var name in Keys(before.Extensions, after.Extensions))
        {
            var had = before.Extensions.TryGetValue(name, out var old);
            var has = after.Extensions.TryGetValue(name, out var @new);
            if (had != has || old != @new)
            {
                changes.Add(!had ? SchemaChange.Of(SchemaObjectKind.Extension, name, ChangeVerb.Created, "extension created")
                    : !has ? SchemaChange.Of(SchemaObjectKind.Extension, name, ChangeVerb.Dropped, "extension dropped")
                    : SchemaChange.Of(SchemaObjectKind.Extension, name, ChangeVerb.Changed, $"extension settings now ({@new})"));
            }
        }
    }

    private static void CompareEnums(DatabaseModel before, DatabaseModel after, List<SchemaChange> changes)
    {
        foreach (var name in Keys(before.Enums, after.Enums))
        {
            before.Enums.TryGetValue(name, out var old);
            after.Enums.TryGetValue(name, out var @new);
            if (old is null || @new is null)
            {
                changes.Add(old is null
                    ? SchemaChange.Of(SchemaObjectKind.Enum, name, ChangeVerb.Created, "enum created")
                    : SchemaChange.Of(SchemaObjectKind.Enum, name, ChangeVerb.Dropped, "enum dropped"));
                continue;
            }

            // PostgreSQL enum order is not compared by Prisma's differ: only added and removed values.
            foreach (var value in @new.Values.Except(old.Values, StringComparer.Ordinal))
            {
                changes.Add(SchemaChange.OfMember(SchemaObjectKind.Enum, name, ChangeVerb.Added, SchemaMember.Value, value, $"value `{value}` added"));
            }

            foreach (var value in old.Values.Except(@new.Values, StringComparer.Ordinal))
            {
                changes.Add(SchemaChange.OfMember(SchemaObjectKind.Enum, name, ChangeVerb.Removed, SchemaMember.Value, value, $"value `{value}` removed"));
            }
        }
    }

    private static void CompareTable(DbTable old, DbTable @new, List<SchemaChange> changes)
    {
        var table = new TableChanges(changes, @new.Kind, @new.QualifiedName);
        CompareColumns(old, @new, table);
        ComparePrimaryKey(old, @new, table);
        CompareIndexes(old, @new, table);
        CompareForeignKeys(old, @new, table);
    }

    /// <summary>The changes of one table, each made as a member of it.</summary>
    private readonly struct TableChanges(List<SchemaChange> changes, SchemaObjectKind kind, string table)
    {
        public void Add(ChangeVerb verb, SchemaMember member, string? subject, string description, MemberAspect aspect = MemberAspect.None) =>
            changes.Add(SchemaChange.OfMember(kind, table, verb, member, subject, description, aspect));
    }

    private static void CompareColumns(DbTable old, DbTable @new, TableChanges table)
    {
        foreach (var name in Keys(old.Columns, @new.Columns))
        {
            old.Columns.TryGetValue(name, out var a);
            @new.Columns.TryGetValue(name, out var b);
            if (a is null)
            {
                table.Add(ChangeVerb.Added, SchemaMember.Column, name, $"column `{name}` added");
            }
            else if (b is null)
            {
                table.Add(ChangeVerb.Removed, SchemaMember.Column, name, $"column `{name}` removed");
            }
            else
            {
                CompareColumn(name, a, b, table);
            }
        }
    }

    private static void CompareColumn(string name, DbColumn a, DbColumn b, TableChanges table)
    {
        if (a.Type != b.Type || a.IsArray != b.IsArray)
        {
            table.Add(ChangeVerb.Changed, SchemaMember.Column, name,
                $"column `{name}` type now {b.Type}{(b.IsArray ? "[]" : string.Empty)} (was {a.Type}{(a.IsArray ? "[]" : string.Empty)})", MemberAspect.Type);
        }

        // Prisma has no optional list: it reads TEXT[] and TEXT[] NOT NULL as the same String[] and never changes one
        // into the other (a hand-written NOT NULL on trigger.dev's "Session"."tags", c69e939c34: migrate diff finds nothing).
        if (a.IsNullable != b.IsNullable && !(a.IsArray && b.IsArray))
        {
            table.Add(ChangeVerb.Changed, SchemaMember.Column, name, $"column `{name}` now {(b.IsNullable ? "nullable" : "NOT NULL")}", MemberAspect.Nullability);
        }

        if (a.Default != b.Default)
        {
            table.Add(ChangeVerb.Changed, SchemaMember.Column, name, b.Default is null ? $"column `{name}` default removed" : $"column `{name}` default now {b.Default}", MemberAspect.Default);
        }
    }

    private static void ComparePrimaryKey(DbTable old, DbTable @new, TableChanges table)
    {
        if (old.PrimaryKey == @new.PrimaryKey)
        {
            return;
        }

        if (@new.PrimaryKey is null)
        {
            table.Add(ChangeVerb.Removed, SchemaMember.PrimaryKey, null, "primary key removed");
        }
        else
        {
            table.Add(ChangeVerb.Changed, SchemaMember.PrimaryKey, @new.PrimaryKey.Name, $"primary key now `{@new.PrimaryKey.Name}` on ({@new.PrimaryKey.Columns})", MemberAspect.Definition);
        }
    }

    private static void CompareIndexes(DbTable old, DbTable @new, TableChanges table)
    {
        foreach (var name in Keys(old.Indexes, @new.Indexes))
        {
            old.Indexes.TryGetValue(name, out var a);
            @new.Indexes.TryGetValue(name, out var b);
            if (a == b)
            {
                continue;
            }

            var member = (b ?? a)!.IsUnique ? SchemaMember.UniqueIndex : SchemaMember.Index;
            var kind = member.Describe();
            if (a is null)
            {
                table.Add(ChangeVerb.Added, member, name, $"{kind} `{name}` added");
            }
            else if (b is null)
            {
                table.Add(ChangeVerb.Removed, member, name, $"{kind} `{name}` removed");
            }
            else
            {
                table.Add(ChangeVerb.Changed, member, name, $"{kind} `{name}` now {b.Definition}", MemberAspect.Definition);
            }
        }
    }

    private static void CompareForeignKeys(DbTable old, DbTable @new, TableChanges table)
    {
        foreach (var name in Keys(old.ForeignKeys, @new.ForeignKeys))
        {
            old.ForeignKeys.TryGetValue(name, out var a);
            @new.ForeignKeys.TryGetValue(name, out var b);
            if (a is null)
            {
                table.Add(ChangeVerb.Added, SchemaMember.ForeignKey, name, $"foreign key `{name}` on `{b!.Columns}` added");
            }
            else if (b is null)
            {
                table.Add(ChangeVerb.Removed, SchemaMember.ForeignKey, name, $"foreign key `{name}` on `{a.Columns}` removed");
            }
            else if (a != b)
            {
                var actions = a.OnDelete != b.OnDelete || a.OnUpdate != b.OnUpdate;
                table.Add(ChangeVerb.Changed, SchemaMember.ForeignKey, name, actions
                    ? $"foreign key on `{b.Columns}` now ON DELETE {Sql(b.OnDelete)} ON UPDATE {Sql(b.OnUpdate)}"
                    : $"foreign key `{name}` now ({b.Columns}) references {b.ReferencedTable}({b.ReferencedColumns})",
                    actions ? MemberAspect.Actions : MemberAspect.Definition);
            }
        }
    }

    private static string Sql(string action) => action switch
    {
        "SetNull" => "SET NULL",
        "SetDefault" => "SET DEFAULT",
        "NoAction" => "NO ACTION",
        _ => action.ToUpperInvariant(),
    };

    /// <summary>Union of both key sets, sorted, so changes come out in a stable order.</summary>
    private static IEnumerable<string> Keys<T>(Dictionary<string, T> a, Dictionary<string, T> b) =>
        a.Keys.Union(b.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

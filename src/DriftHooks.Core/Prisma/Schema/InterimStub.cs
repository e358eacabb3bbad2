// Interim stand-in until the schema reader lands; replaced wholesale.
namespace DriftHooks.Core.Prisma.Schema;

public sealed record SchemaSource(string Path, string Text);

public enum SchemaObjectKind { Model, Enum, View, Datasource }

public sealed record SchemaChange(SchemaObjectKind Kind, string Name, string Description);

public sealed record SchemaComparison(IReadOnlyList<SchemaChange> Changes)
{
    public bool ChangesDatabase => Changes.Count > 0;
    public string SuggestedMigrationName => "update_schema";
}

public static class DatabaseSchemaComparer
{
    public static SchemaComparison Compare(IReadOnlyList<SchemaSource> before, IReadOnlyList<SchemaSource> after) =>
        new(string.Join("", before.Select(s => s.Text)).ReplaceLineEndings() == string.Join("", after.Select(s => s.Text)).ReplaceLineEndings()
            ? [] : [new SchemaChange(SchemaObjectKind.Model, "?", "changed")]);
}

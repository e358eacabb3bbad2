using System.Text.RegularExpressions;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// The corpus pairs with the migration Prisma wrote for each (committed), their schemas from the committed copies or
/// from ../shared (a test skips when neither has them), and the edits a schema gets after its migration was written.
/// </summary>
public static partial class SchemaPairs
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Rules", "SchemaPairMigrations");

    public static IEnumerable<string> Ids() =>
        Directory.GetFiles(Folder, "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    public static IEnumerable<string> CommittedIds() =>
        Directory.GetFiles(Path.Combine(Folder, "schemas"), "*.before.prisma").Select(f => Path.GetFileName(f)[..^".before.prisma".Length]).Order(StringComparer.Ordinal);

    public static string Migration(string id) => File.ReadAllText(Path.Combine(Folder, id + ".sql"));

    /// <summary>The schema text of one side (<c>before</c> or <c>after</c>).</summary>
    public static string Schema(string id, string side)
    {
        var committed = Path.Combine(Folder, "schemas", $"{id}.{side}.prisma");
        if (File.Exists(committed))
        {
            return File.ReadAllText(committed);
        }

        // The umami pairs are in the repository's test data (tests/data/schema-pairs).
        return File.ReadAllText(Path.Combine(TestData.SchemaPairs, $"{id}.{side}.prisma"));
    }

    internal static DatabaseModel Model(string schema) =>
        DatabaseModelBuilder.Build(PrismaSchemaParser.Parse([new SchemaSource("schema.prisma", schema)]));

    public enum LaterEdit
    {
        NullableColumn,
        Index,
        Default,
    }

    /// <summary>
    /// The schema edited once more, in its first model: a nullable column, an index, or a default on a String field;
    /// with the description the comparer gives the change.
    /// </summary>
    public static (string Schema, string Change) Edit(string schema, LaterEdit edit)
    {
        var model = FirstModel().Match(schema);
        Assert.That(model.Success, "the schema has a model");
        var body = model.Groups["body"];
        var close = body.Index + body.Length;
        switch (edit)
        {
            case LaterEdit.NullableColumn:
                return (schema.Insert(close, "  drifthooks_later String?\n"), "column `drifthooks_later` added");
            case LaterEdit.Index:
                var field = FirstField().Match(body.Value).Groups["name"].Value;
                return (schema.Insert(close, $"  @@index([{field}], map: \"drifthooks_later_idx\")\n"), "index `drifthooks_later_idx` added");
            default:
                var line = StringField().Match(body.Value);
                Assert.That(line.Success, "the first model has a String field without a default");
                var at = body.Index + line.Index + line.Length;
                var column = Regex.Match(line.Value, "@map\\(\"([^\"]+)\"\\)") is { Success: true } map ? map.Groups[1].Value : line.Groups["name"].Value;
                return (schema.Insert(at, " @default(\"later\")"), $"column `{column}` default now 'later'");
        }
    }

    [GeneratedRegex(@"^model\s+\w+\s*\{\n(?<body>(?:(?!^\}).*\n)*)^\}", RegexOptions.Multiline)]
    private static partial Regex FirstModel();

    [GeneratedRegex(@"^\s+(?<name>\w+)\s+\w", RegexOptions.Multiline)]
    private static partial Regex FirstField();

    [GeneratedRegex(@"^[ \t]+(?<name>\w+)[ \t]+String\??(?![^\n]*@default)[^\n]*?(?=[ \t]*(//[^\n]*)?$)", RegexOptions.Multiline)]
    private static partial Regex StringField();
}

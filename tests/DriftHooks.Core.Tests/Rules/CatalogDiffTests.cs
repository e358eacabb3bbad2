using DriftHooks.Core.Catalog;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

public sealed class CatalogDiffTests
{
    static CatalogColumn Id => new("id", "integer", true, "nextval('\"User_id_seq\"'::regclass)");

    static CatalogColumn Email => new("email", "text", true, null);

    static CatalogConstraint Pkey(string table) => new($"{table}_pkey", ConstraintKind.PrimaryKey, ["id"], "PRIMARY KEY (id)");

    static CatalogIndex EmailKey => new("User_email_key", true, "btree", ["email"], null, "USING btree (email)", "CREATE UNIQUE INDEX \"User_email_key\" ON public.\"User\" USING btree (email)");

    static CatalogTable User(IReadOnlyList<CatalogColumn>? columns = null, IReadOnlyList<CatalogConstraint>? constraints = null, IReadOnlyList<CatalogIndex>? indexes = null) =>
        new("public", "User", columns ?? [Id, Email], constraints ?? [Pkey("User")], indexes ?? [EmailKey]);

    static CatalogSequence UserSeq => new("public", "User_id_seq", "integer", 1, 1, 1, int.MaxValue, false, "User", "id");

    static CatalogEnum Role => new("public", "Role", ["ADMIN", "USER"]);

    static DatabaseCatalog Catalog(
        IReadOnlyList<CatalogTable>? tables = null, IReadOnlyList<CatalogEnum>? enums = null, IReadOnlyList<CatalogView>? views = null, IReadOnlyList<CatalogSequence>? sequences = null) =>
        new(tables ?? [User()], enums ?? [Role], views ?? [], sequences ?? [UserSeq]);

    [Test]
    public void Equal_catalogs_have_no_findings()
    {
        Assert.That(CatalogDiff.Compare(Catalog(), Catalog()), Is.Empty);
        Assert.That(CatalogDiff.Compare(DatabaseCatalog.Empty, DatabaseCatalog.Empty), Is.Empty);
    }

    [Test]
    public void Extra_column_is_named_with_its_type_and_both_fixes()
    {
        var actual = Catalog([User(columns: [Id, Email, new("nickname", "text", false, null)])]);
        var finding = CatalogDiff.Compare(Catalog(), actual).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ExtraColumn));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Is.EqualTo("Production has column `User.nickname` (text) that no migration creates."));
        Assert.That(finding.Location, Is.EqualTo("column User.nickname"));
        Assert.That(finding.Fix, Does.Contain("ALTER TABLE \"User\" DROP COLUMN \"nickname\";"));
        Assert.That(finding.Fix, Does.Contain("ALTER TABLE \"User\" ADD COLUMN \"nickname\" text;"));
        Assert.That(finding.Fix, Does.Contain("npx prisma migrate dev --create-only"));
        Assert.That(finding.Fix, Does.Contain("npx prisma migrate resolve --applied"));
    }

    [Test]
    public void Column_type_difference_names_both_types()
    {
        var actual = Catalog([User(columns: [Id, Email with { Type = "character varying(255)" }])]);
        var finding = CatalogDiff.Compare(Catalog(), actual).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ColumnType));
        Assert.That(finding.Message, Is.EqualTo("Column `User.email` type differs: expected text, production character varying(255)."));
        Assert.That(finding.Fix, Does.Contain("ALTER TABLE \"User\" ALTER COLUMN \"email\" SET DATA TYPE text"));
    }

    [Test]
    public void Nullability_default_and_identity_are_separate_findings()
    {
        var actual = Catalog([User(columns: [Id with { Default = null, Identity = ColumnIdentity.ByDefault }, Email with { NotNull = false, Default = "'x'::text" }])]);
        var codes = CatalogDiff.Compare(Catalog(), actual).Select(f => f.Code);
        Assert.That(codes, Is.EquivalentTo(new[] { SchemaDriftCodes.ColumnIdentity, SchemaDriftCodes.ColumnNullability, SchemaDriftCodes.ColumnDefault }));
    }

    [Test]
    public void Missing_column_carries_its_index_instead_of_a_second_finding()
    {
        var actual = Catalog([User(columns: [Id], indexes: [])]);
        var finding = CatalogDiff.Compare(Catalog(), actual).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.MissingColumn));
        Assert.That(finding.Message, Does.Contain("`User.email`").And.Contain("index User_email_key"));
    }

    [Test]
    public void Extra_table_is_one_finding_with_its_create_statement()
    {
        var audit = new CatalogTable("public", "Audit", [new("id", "integer", true, "nextval('\"Audit_id_seq\"'::regclass)")], [Pkey("Audit")], []);
        var actual = Catalog([audit, User()], sequences: [new("public", "Audit_id_seq", "integer", 1, 1, 1, int.MaxValue, false, "Audit", "id"), UserSeq]);
        var finding = CatalogDiff.Compare(Catalog(), actual).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ExtraTable));
        Assert.That(finding.Message, Does.Contain("`Audit`"));
        Assert.That(finding.Fix, Does.Contain("DROP TABLE \"Audit\";").And.Contain("CREATE TABLE \"Audit\" (\"id\" integer DEFAULT").And.Contain("CONSTRAINT \"Audit_pkey\" PRIMARY KEY (id)"));
    }

    [Test]
    public void Missing_table_is_reported_once()
    {
        var findings = CatalogDiff.Compare(Catalog(), Catalog([], sequences: []));
        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { SchemaDriftCodes.MissingTable }));
    }

    [Test]
    public void Indexes_extra_missing_and_changed()
    {
        var byName = new CatalogIndex("User_name_idx", false, "btree", ["name"], null, "USING btree (name)", "CREATE INDEX \"User_name_idx\" ON public.\"User\" USING btree (name)");
        var extra = CatalogDiff.Compare(Catalog(), Catalog([User(indexes: [EmailKey, byName])])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraIndex));
        Assert.That(extra.Message, Does.Contain("`User_name_idx`"));
        Assert.That(extra.Fix, Does.Contain("DROP INDEX \"User_name_idx\";"));

        var missing = CatalogDiff.Compare(Catalog(), Catalog([User(indexes: [])])).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingIndex));
        Assert.That(missing.Message, Is.EqualTo("Unique index `User_email_key` on `User` (email) is missing in production: the applied migrations create it."));
        Assert.That(missing.Fix, Does.Contain("CREATE UNIQUE INDEX \"User_email_key\" ON public.\"User\" USING btree (email);"));

        var partial = EmailKey with { Definition = "USING btree (email) WHERE (email IS NOT NULL)", Predicate = "email IS NOT NULL" };
        Assert.That(CatalogDiff.Compare(Catalog(), Catalog([User(indexes: [partial])])).Single().Code, Is.EqualTo(SchemaDriftCodes.IndexDiffers));
    }

    [Test]
    public void Foreign_keys_compare_their_actions()
    {
        var fk = new CatalogConstraint("Post_authorId_fkey", ConstraintKind.ForeignKey, ["authorId"],
            "FOREIGN KEY (\"authorId\") REFERENCES \"User\"(id) ON UPDATE CASCADE ON DELETE CASCADE", "User", ["id"], "CASCADE", "CASCADE");
        var post = new CatalogTable("public", "Post", [new("id", "integer", true, null), new("authorId", "integer", true, null)], [Pkey("Post"), fk], []);
        var changed = post with { Constraints = [Pkey("Post"), fk with { Definition = "FOREIGN KEY (\"authorId\") REFERENCES \"User\"(id) ON UPDATE CASCADE ON DELETE SET NULL", OnDelete = "SET NULL" }] };
        var finding = CatalogDiff.Compare(Catalog([post, User()]), Catalog([changed, User()])).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ConstraintDiffers));
        Assert.That(finding.Message, Does.Contain("ON DELETE SET NULL").And.Contain("`Post_authorId_fkey`"));

        var dropped = CatalogDiff.Compare(Catalog([post, User()]), Catalog([post with { Constraints = [Pkey("Post")] }, User()])).Single();
        Assert.That(dropped.Code, Is.EqualTo(SchemaDriftCodes.MissingConstraint));
        Assert.That(dropped.Message, Does.StartWith("Foreign key (authorId) → User(id) ON DELETE CASCADE ON UPDATE CASCADE `Post_authorId_fkey` on `Post` is missing"));
        Assert.That(dropped.Fix, Does.Contain("ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY"));
    }

    [Test]
    public void Enum_values_extra_missing_and_reordered()
    {
        var extra = CatalogDiff.Compare(Catalog(), Catalog(enums: [Role with { Values = ["ADMIN", "USER", "AUDITOR"] }])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraEnumValue));
        Assert.That(extra.Message, Is.EqualTo("Enum `Role` has extra value `AUDITOR` in production that no migration adds."));
        Assert.That(extra.Fix, Does.Contain("ALTER TYPE \"Role\" ADD VALUE 'AUDITOR';"));

        var missing = CatalogDiff.Compare(Catalog(), Catalog(enums: [Role with { Values = ["ADMIN"] }])).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingEnumValue));

        var order = CatalogDiff.Compare(Catalog(), Catalog(enums: [Role with { Values = ["USER", "ADMIN"] }])).Single();
        Assert.That(order.Code, Is.EqualTo(SchemaDriftCodes.EnumOrder));

        Assert.That(CatalogDiff.Compare(Catalog(), Catalog(enums: [])).Single().Code, Is.EqualTo(SchemaDriftCodes.MissingEnum));
        Assert.That(CatalogDiff.Compare(Catalog(enums: []), Catalog()).Single().Code, Is.EqualTo(SchemaDriftCodes.ExtraEnum));
    }

    [Test]
    public void Views_compare_definitions_ignoring_layout()
    {
        var view = new CatalogView("public", "ActiveUsers", false, " SELECT id,\n    email\n   FROM \"User\";");
        Assert.That(CatalogDiff.Compare(Catalog(views: [view]), Catalog(views: [view with { Definition = "SELECT id, email FROM \"User\"" }])), Is.Empty);

        var extra = CatalogDiff.Compare(Catalog(), Catalog(views: [view])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraView));
        Assert.That(extra.Fix, Does.Contain("DROP VIEW \"ActiveUsers\";").And.Contain("CREATE VIEW \"ActiveUsers\" AS SELECT id, email FROM \"User\";"));

        var changed = CatalogDiff.Compare(Catalog(views: [view]), Catalog(views: [view with { Definition = "SELECT id FROM \"User\"" }])).Single();
        Assert.That(changed.Code, Is.EqualTo(SchemaDriftCodes.ViewDiffers));
    }

    [Test]
    public void Sequences_settings_and_standalone_sequences()
    {
        var changed = CatalogDiff.Compare(Catalog(), Catalog(sequences: [UserSeq with { Increment = 10 }])).Single();
        Assert.That(changed.Code, Is.EqualTo(SchemaDriftCodes.SequenceDiffers));
        Assert.That(changed.Message, Does.Contain("INCREMENT BY 1").And.Contain("INCREMENT BY 10"));

        var standalone = new CatalogSequence("public", "invoice_no", "bigint", 1000, 1, 1, long.MaxValue, false);
        Assert.That(CatalogDiff.Compare(Catalog(), Catalog(sequences: [UserSeq, standalone])).Single().Code, Is.EqualTo(SchemaDriftCodes.ExtraSequence));
    }

    [Test]
    public void Other_schemas_are_named_with_their_schema()
    {
        var table = new CatalogTable("app", "User", [Id, Email], [], []);
        var finding = CatalogDiff.Compare(
            new DatabaseCatalog([table], [], [], []),
            new DatabaseCatalog([table with { Columns = [Id, Email, new("nickname", "text", false, null)] }], [], [], [])).Single();
        Assert.That(finding.Message, Does.Contain("`app.User.nickname`"));
        Assert.That(finding.Fix, Does.Contain("ALTER TABLE \"app\".\"User\" DROP COLUMN \"nickname\";"));
    }
}

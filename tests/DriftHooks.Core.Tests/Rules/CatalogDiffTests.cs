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
    public void The_compared_database_is_named_as_the_caller_says()
    {
        var actual = Catalog([User(columns: [Id, Email with { Type = "character varying(255)" }, new("nickname", "text", false, null)], indexes: [])]);
        var local = CatalogDiff.Compare(Catalog(), actual, side: CatalogDiff.Side.Local);
        Assert.That(local.Select(f => f.Message), Is.EquivalentTo(new[]
        {
            "The local database has column `User.nickname` (text) that no migration creates.",
            "Column `User.email` type differs: expected text, local character varying(255).",
            "Unique index `User_email_key` on `User` (email) is missing in the local database: the applied migrations create it.",
        }));
        Assert.That(local.Select(f => f.Fix), Has.All.Not.Contain("production"));
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
        Assert.That(extra.Fix, Does.Contain(FixText.Quote("ALTER TYPE \"Role\" ADD VALUE 'AUDITOR';")));

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

    const string TouchBody = "CREATE OR REPLACE FUNCTION public.touch_updated_at()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n  NEW.\"updatedAt\" := now(); -- stamp\n  RETURN NEW;\nEND\n$function$\n";

    static CatalogFunction Touch => new("public", "touch_updated_at", "", false, TouchBody);

    static CatalogTrigger UserTouch => new("public", "User", "User_touch", "CREATE TRIGGER \"User_touch\" BEFORE UPDATE ON \"User\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()", TriggerState.Enabled);

    static DatabaseCatalog WithRoutines(IReadOnlyList<CatalogFunction> functions, IReadOnlyList<CatalogTrigger> triggers, IReadOnlyList<string>? extensions = null) =>
        Catalog() with { Functions = functions, Triggers = triggers, Extensions = extensions ?? ["plpgsql"] };

    [Test]
    public void Functions_extra_missing_and_changed()
    {
        Assert.That(CatalogDiff.Compare(WithRoutines([Touch], []), WithRoutines([Touch with { Definition = TouchBody.Replace("\n", "\r\n  ", StringComparison.Ordinal) + "\n\n" }], [])), Has.Count.EqualTo(1),
            "indentation inside the body is the function's text");
        Assert.That(CatalogDiff.Compare(WithRoutines([Touch], []), WithRoutines([Touch with { Definition = TouchBody.Replace("\n", " \r\n", StringComparison.Ordinal) }], [])), Is.Empty,
            "line endings and trailing blanks are not");

        var extra = CatalogDiff.Compare(WithRoutines([], []), WithRoutines([Touch], [])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraFunction));
        Assert.That(extra.Message, Is.EqualTo("Production has function `touch_updated_at()` that no migration creates."));
        Assert.That(extra.Location, Is.EqualTo("function touch_updated_at()"));
        Assert.That(extra.Fix, Does.Contain(FixText.Quote("DROP FUNCTION \"touch_updated_at\"();")));
        Assert.That(extra.Fix, Does.Contain(FixText.Quote(TouchBody.TrimEnd() + ";")), "the capture is the whole definition, line breaks kept");

        var missing = CatalogDiff.Compare(WithRoutines([Touch], []), WithRoutines([], [])).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingFunction));
        Assert.That(missing.Message, Is.EqualTo("Function `touch_updated_at()` is missing in production: the applied migrations create it."));
        Assert.That(missing.Location, Is.EqualTo("function touch_updated_at()"));
        Assert.That(missing.Fix, Does.StartWith("Restore it in production: " + FixText.Quote(TouchBody.TrimEnd() + ";")));

        var changed = CatalogDiff.Compare(WithRoutines([Touch], []), WithRoutines([Touch with { Definition = TouchBody.Replace("now()", "clock_timestamp()", StringComparison.Ordinal) }], [])).Single();
        Assert.That(changed.Code, Is.EqualTo(SchemaDriftCodes.FunctionDiffers));
        Assert.That(changed.Message, Is.EqualTo(
            "Function `touch_updated_at()` differs from line 6 of its definition on: expected `NEW.\"updatedAt\" := now(); -- stamp`, production `NEW.\"updatedAt\" := clock_timestamp(); -- stamp`."));
        Assert.That(changed.Location, Is.EqualTo("function touch_updated_at()"));
        Assert.That(changed.Fix, Does.StartWith("Revert production to what the migrations say: " + FixText.Quote(TouchBody.TrimEnd() + ";")));
        Assert.That(changed.Fix, Does.Contain("clock_timestamp()"));
    }

    [Test]
    public void Functions_are_told_apart_by_arguments_and_procedures_are_named_so()
    {
        var one = new CatalogFunction("app", "nanoid", "size integer", false, "CREATE OR REPLACE FUNCTION app.nanoid(size integer)\n RETURNS text\n LANGUAGE sql\nAS $function$ SELECT 'x' $function$\n");
        var two = one with { Arguments = "size integer, alphabet text", Definition = one.Definition.Replace("(size integer)", "(size integer, alphabet text)", StringComparison.Ordinal) };
        var extra = CatalogDiff.Compare(WithRoutines([one], []), WithRoutines([one, two], [])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraFunction));
        Assert.That(extra.Location, Is.EqualTo("function app.nanoid(size integer, alphabet text)"));
        Assert.That(extra.Fix, Does.Contain("DROP FUNCTION \"app\".\"nanoid\"(size integer, alphabet text);"));

        var archive = new CatalogFunction("public", "archive", "IN days integer", true, "CREATE OR REPLACE PROCEDURE public.archive(IN days integer)\n LANGUAGE sql\nAS $procedure$ SELECT 1 $procedure$\n");
        var missing = CatalogDiff.Compare(WithRoutines([archive], []), WithRoutines([], [])).Single();
        Assert.That(missing.Message, Is.EqualTo("Procedure `archive(IN days integer)` is missing in production: the applied migrations create it."));
        Assert.That(missing.Fix, Does.Contain("DROP PROCEDURE \"archive\"(IN days integer);"));

        var kind = CatalogDiff.Compare(WithRoutines([archive], []), WithRoutines([archive with { IsProcedure = false }], [])).Single();
        Assert.That(kind.Code, Is.EqualTo(SchemaDriftCodes.FunctionDiffers));
        Assert.That(kind.Fix, Does.StartWith("Revert production to what the migrations say: 'DROP FUNCTION \"archive\"(IN days integer); CREATE OR REPLACE PROCEDURE"));
    }

    [Test]
    public void Triggers_extra_missing_and_changed()
    {
        Assert.That(CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [UserTouch])), Is.Empty);

        var extra = CatalogDiff.Compare(WithRoutines([Touch], []), WithRoutines([Touch], [UserTouch])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraTrigger));
        Assert.That(extra.Message, Is.EqualTo($"Production has trigger `User_touch` on `User` that no migration creates: {UserTouch.Definition}."));
        Assert.That(extra.Location, Is.EqualTo("trigger User.User_touch"));
        Assert.That(extra.Fix, Does.Contain(FixText.Quote("DROP TRIGGER \"User_touch\" ON \"User\";")).And.Contain(FixText.Quote(UserTouch.Definition + ";")));

        var missing = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [])).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingTrigger));
        Assert.That(missing.Message, Is.EqualTo($"Trigger `User_touch` on `User` is missing in production: the applied migrations create it ({UserTouch.Definition})."));
        Assert.That(missing.Location, Is.EqualTo("trigger User.User_touch"));
        Assert.That(missing.Fix, Does.StartWith("Restore it in production: " + FixText.Quote($"{UserTouch.Definition};")));

        var afterInsert = UserTouch with { Definition = UserTouch.Definition.Replace("BEFORE UPDATE", "BEFORE INSERT OR UPDATE", StringComparison.Ordinal) };
        var changed = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [afterInsert])).Single();
        Assert.That(changed.Code, Is.EqualTo(SchemaDriftCodes.TriggerDiffers));
        Assert.That(changed.Message, Does.StartWith("Trigger `User_touch` on `User` differs: expected CREATE TRIGGER").And.Contain("production CREATE TRIGGER \"User_touch\" BEFORE INSERT OR UPDATE"));
        Assert.That(changed.Location, Is.EqualTo("trigger User.User_touch"));
        Assert.That(changed.Fix, Does.StartWith("Revert production to what the migrations say: " + FixText.Quote($"DROP TRIGGER \"User_touch\" ON \"User\"; {UserTouch.Definition};")));
    }

    [Test]
    public void Trigger_state_is_compared_beside_its_definition()
    {
        var disabled = UserTouch with { State = TriggerState.Disabled };
        Assert.That(CatalogDiff.Compare(WithRoutines([Touch], [disabled]), WithRoutines([Touch], [disabled])), Is.Empty, "the same state on both sides");

        var finding = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [disabled])).Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.TriggerDiffers));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Is.EqualTo("Trigger `User_touch` on `User` is disabled in production; the applied migrations leave it enabled."));
        Assert.That(finding.Location, Is.EqualTo("trigger User.User_touch"));
        Assert.That(finding.Fix, Does.StartWith("Revert production to what the migrations say: " + FixText.Quote("ALTER TABLE \"User\" ENABLE TRIGGER \"User_touch\";"))
            .And.Contain("capture production's version in a migration").And.Contain("paste " + FixText.Quote("ALTER TABLE \"User\" DISABLE TRIGGER \"User_touch\";")));

        var replica = CatalogDiff.Compare(WithRoutines([Touch], [disabled]), WithRoutines([Touch], [UserTouch with { State = TriggerState.Replica }])).Single();
        Assert.That(replica.Code, Is.EqualTo(SchemaDriftCodes.TriggerDiffers));
        Assert.That(replica.Message, Is.EqualTo("Trigger `User_touch` on `User` is enabled only for replica sessions (ENABLE REPLICA) in production; the applied migrations leave it disabled."));
        Assert.That(replica.Fix, Does.StartWith("Revert production to what the migrations say: " + FixText.Quote("ALTER TABLE \"User\" DISABLE TRIGGER \"User_touch\";"))
            .And.Contain(FixText.Quote("ALTER TABLE \"User\" ENABLE REPLICA TRIGGER \"User_touch\";")));

        var always = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [UserTouch with { State = TriggerState.Always }])).Single();
        Assert.That(always.Fix, Does.Contain(FixText.Quote("ALTER TABLE \"User\" ENABLE ALWAYS TRIGGER \"User_touch\";")));

        // Recreating a trigger enables it: a fix that recreates one says the state again; one finding when both differ.
        var afterInsert = disabled with { Definition = UserTouch.Definition.Replace("BEFORE UPDATE", "BEFORE INSERT OR UPDATE", StringComparison.Ordinal) };
        var both = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], [afterInsert])).Single();
        Assert.That(both.Code, Is.EqualTo(SchemaDriftCodes.TriggerDiffers));
        Assert.That(both.Message, Does.EndWith("It is also disabled in production; the applied migrations leave it enabled."));
        Assert.That(both.Fix, Does.Contain(FixText.Quote($"DROP TRIGGER \"User_touch\" ON \"User\"; {afterInsert.Definition}; ALTER TABLE \"User\" DISABLE TRIGGER \"User_touch\";")));

        var missing = CatalogDiff.Compare(WithRoutines([Touch], [disabled]), WithRoutines([Touch], [])).Single();
        Assert.That(missing.Fix, Does.StartWith("Restore it in production: " + FixText.Quote($"{UserTouch.Definition}; ALTER TABLE \"User\" DISABLE TRIGGER \"User_touch\";")));
    }

    [Test]
    public void Triggers_go_with_their_table()
    {
        var missing = CatalogDiff.Compare(WithRoutines([Touch], [UserTouch]), WithRoutines([Touch], []) with { Tables = [], Sequences = [] }).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingTable));
        Assert.That(missing.Fix, Does.Contain(UserTouch.Definition + ";"), "restoring the table restores its trigger");
    }

    [Test]
    public void Extensions_compare_by_name_and_plpgsql_is_ignored()
    {
        Assert.That(CatalogDiff.Compare(WithRoutines([], [], ["pgcrypto", "plpgsql"]), WithRoutines([], [], ["pgcrypto"])), Is.Empty);
        Assert.That(CatalogDiff.Compare(WithRoutines([], [], []), WithRoutines([], [], ["plpgsql"])), Is.Empty);

        var extra = CatalogDiff.Compare(WithRoutines([], [], ["plpgsql"]), WithRoutines([], [], ["plpgsql", "uuid-ossp"])).Single();
        Assert.That(extra.Code, Is.EqualTo(SchemaDriftCodes.ExtraExtension));
        Assert.That(extra.Severity, Is.EqualTo(Severity.Warning), "managed hosts install their own extensions");
        Assert.That(extra.Message, Is.EqualTo("Production has extension `uuid-ossp` that no migration creates."));
        Assert.That(extra.Location, Is.EqualTo("extension uuid-ossp"));
        Assert.That(extra.Fix, Does.StartWith("Revert the manual change in production: " + FixText.Quote("DROP EXTENSION \"uuid-ossp\";")).And.Contain(FixText.Quote("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";")));

        var missing = CatalogDiff.Compare(WithRoutines([], [], ["pg_trgm", "plpgsql"]), WithRoutines([], [], ["plpgsql"])).Single();
        Assert.That(missing.Code, Is.EqualTo(SchemaDriftCodes.MissingExtension));
        Assert.That(missing.Message, Is.EqualTo("Extension `pg_trgm` is missing in production: the applied migrations create it."));
        Assert.That(missing.Location, Is.EqualTo("extension pg_trgm"));
        Assert.That(missing.Fix, Does.StartWith("Restore it in production: " + FixText.Quote("CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";")));
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

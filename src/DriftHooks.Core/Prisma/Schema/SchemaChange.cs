namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// One database-relevant difference, e.g. (Model, "User", Added, column `nickname`), carried as data: what happened
/// (<see cref="Verb"/>) to which member (<see cref="Member"/>, <see cref="Subject"/>), and for a member that stays, which
/// of its aspects changed. <see cref="Description"/> is its rendering ("column `nickname` added"), never read back.
/// </summary>
internal sealed record SchemaChange(SchemaObjectKind Kind, string Name, ChangeVerb Verb, string Description)
{
    /// <summary>The member that changed, or <see cref="SchemaMember.Itself"/> when the object was created, dropped or reset.</summary>
    public SchemaMember Member { get; init; }

    /// <summary>The member's name (`nickname`, an enum value, an index name), when it has one.</summary>
    public string? Subject { get; init; }

    /// <summary>What changed of a member that stays (<see cref="ChangeVerb.Changed"/>).</summary>
    public MemberAspect Aspect { get; init; }

    public static SchemaChange Of(SchemaObjectKind kind, string name, ChangeVerb verb, string description) => new(kind, name, verb, description);

    public static SchemaChange OfMember(SchemaObjectKind kind, string name, ChangeVerb verb, SchemaMember member, string? subject, string description,
        MemberAspect aspect = MemberAspect.None) =>
        new(kind, name, verb, description) { Member = member, Subject = subject, Aspect = aspect };
}

internal enum ChangeVerb
{
    Created,
    Dropped,
    Added,
    Removed,
    Changed,
}

internal enum SchemaMember
{
    Itself,
    Column,
    Value,
    Index,
    UniqueIndex,
    PrimaryKey,
    ForeignKey,
}

internal enum MemberAspect
{
    None,
    Type,
    Nullability,
    Default,
    Definition,
    Actions,
}

internal static class SchemaMemberNames
{
    /// <summary>How a message names the member: "column", "unique index", "foreign key".</summary>
    public static string Describe(this SchemaMember member) => member switch
    {
        SchemaMember.Column => "column",
        SchemaMember.Value => "value",
        SchemaMember.Index => "index",
        SchemaMember.UniqueIndex => "unique index",
        SchemaMember.PrimaryKey => "primary key",
        SchemaMember.ForeignKey => "foreign key",
        _ => "",
    };
}

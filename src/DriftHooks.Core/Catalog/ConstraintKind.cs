namespace DriftHooks.Core.Catalog;

/// <summary>The table constraints compared (<c>pg_constraint.contype</c> p, u, f, c, x).</summary>
internal enum ConstraintKind
{
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Exclusion,
}

namespace DriftHooks.Core.DataRisks;

/// <summary>What a question finds when its count is not zero.</summary>
internal enum DataRiskKind
{
    /// <summary>A NOT NULL column without a default added to a table with rows: the rows are counted.</summary>
    RequiredColumn,

    /// <summary><c>SET NOT NULL</c> (or a primary key) over NULLs: the NULL rows are counted.</summary>
    NotNull,

    /// <summary>A unique index, unique constraint or primary key: the rows beyond the first of each duplicated value.</summary>
    Duplicates,

    /// <summary>An enum value removed by Prisma's type swap: the rows holding one of the removed values.</summary>
    EnumValue,

    /// <summary>A type change the values cannot take (too long, or not valid for the new type).</summary>
    TypeChange,

    /// <summary>A foreign key over rows whose referenced row is missing.</summary>
    ForeignKey,

    /// <summary>A CHECK constraint the rows violate.</summary>
    Check,

    /// <summary>A dropped column's non-null values or a dropped table's rows: a warning, never a refusal.</summary>
    DataLoss,
}

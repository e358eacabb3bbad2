namespace DriftHooks.Core.Prisma.Schema;

internal enum PrismaTokenKind
{
    Identifier,
    String,
    Number,
    At,
    AtAt,
    OpenBrace,
    CloseBrace,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    Question,
    Dot,
    NewLine,
    End,
}

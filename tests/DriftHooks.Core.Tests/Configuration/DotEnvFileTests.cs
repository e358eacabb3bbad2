using DriftHooks.Core.Configuration;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Configuration;

public class DotEnvFileTests
{
    [Test]
    public void Prisma_style_env_files_are_read()
    {
        var values = DotEnvFile.Parse("# comment\nexport DATABASE_URL=\"postgresql://u:p#1@h/db?schema=a\"\r\nPLAIN=value # trailing\nSINGLE='x y'\nBROKEN\n");
        Assert.That(values["DATABASE_URL"], Is.EqualTo("postgresql://u:p#1@h/db?schema=a"));
        Assert.That(values["PLAIN"], Is.EqualTo("value"));
        Assert.That(values["SINGLE"], Is.EqualTo("x y"));
        Assert.That(values.ContainsKey("BROKEN"), Is.False);
    }
}

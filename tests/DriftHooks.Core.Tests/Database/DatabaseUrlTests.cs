using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

public sealed class DatabaseUrlTests
{
    const string Secret = "p@ss:w/rd?#%&=";
    static readonly string Escaped = Uri.EscapeDataString(Secret);

    [Test]
    public void Parses_a_prisma_url()
    {
        var url = DatabaseUrl.Parse($"postgresql://app%20user:{Escaped}@db.example.com:6543/my%2Ddb?schema=other&sslmode=require&connect_timeout=7");
        Assert.That(url.Host, Is.EqualTo("db.example.com"));
        Assert.That(url.Port, Is.EqualTo(6543));
        Assert.That(url.Database, Is.EqualTo("my-db"));
        Assert.That(url.Username, Is.EqualTo("app user"));
        Assert.That(url.Schema, Is.EqualTo("other"));
        Assert.That(url.HasPassword, Is.True);
        Assert.That(url.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));

        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Password, Is.EqualTo(Secret));
        Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
        Assert.That(builder.Timeout, Is.EqualTo(7));
        Assert.That(builder.ApplicationName, Is.EqualTo("drifthooks"));
    }

    [Test]
    public void Defaults_port_5432_and_schema_public()
    {
        var url = DatabaseUrl.Parse("postgres://u@localhost/db");
        Assert.That(url.Port, Is.EqualTo(5432));
        Assert.That(url.Schema, Is.EqualTo("public"));
        Assert.That(url.HasPassword, Is.False);
        Assert.That(url.ToConnectionStringBuilder().Password, Is.Null);
        Assert.That(url.ToConnectionStringBuilder().Timeout, Is.EqualTo(5));
    }

    [Test]
    public void Options_override_the_urls_timeout()
    {
        var url = DatabaseUrl.Parse("postgres://u@localhost/db?connect_timeout=30");
        Assert.That(url.ToConnectionStringBuilder(new DatabaseConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(2) }).Timeout, Is.EqualTo(2));
    }

    [TestCase("postgresql://u:p@[::1]:5433/db", "::1", 5433)]
    [TestCase("postgresql://u:p@[::1]/db", "::1", 5432)]
    [TestCase("postgresql://u:p@[2001:db8::5]:6000/db", "2001:db8::5", 6000)]
    public void Parses_ipv6_hosts(string text, string host, int port)
    {
        var url = DatabaseUrl.Parse(text);
        Assert.That(url.Host, Is.EqualTo(host));
        Assert.That(url.Port, Is.EqualTo(port));
        Assert.That(url.Redacted, Does.Contain($"[{host}]:{port}"));
    }

    [Test]
    public void Host_parameter_selects_a_socket_directory()
    {
        var url = DatabaseUrl.Parse("postgresql://u:p@localhost/db?host=/var/run/postgresql");
        Assert.That(url.Host, Is.EqualTo("/var/run/postgresql"));
    }

    [Test]
    public void Sslaccept_strict_verifies_the_certificate()
    {
        Assert.That(DatabaseUrl.Parse("postgresql://u:p@h/db?sslmode=require&sslaccept=strict").ToConnectionStringBuilder().SslMode, Is.EqualTo(SslMode.VerifyFull));
        Assert.That(DatabaseUrl.Parse("postgresql://u:p@h/db?sslmode=require&sslaccept=accept_invalid_certs").ToConnectionStringBuilder().SslMode, Is.EqualTo(SslMode.Require));
    }

    [Test]
    public void Accepts_an_npgsql_connection_string()
    {
        var url = DatabaseUrl.Parse($"Host=db;Port=5433;Database=app;Username=me;Password={Secret.Replace("=", "==", StringComparison.Ordinal).Replace(";", ";;", StringComparison.Ordinal)};Search Path=tenant");
        Assert.That(url.Host, Is.EqualTo("db"));
        Assert.That(url.Port, Is.EqualTo(5433));
        Assert.That(url.Schema, Is.EqualTo("tenant"));
        Assert.That(url.IsPrismaUrl, Is.False);
        Assert.That(url.HasPassword, Is.True);
        Assert.That(url.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public void Redacted_and_ToString_never_contain_the_password()
    {
        var url = DatabaseUrl.Parse($"postgresql://me:{Escaped}@h:5432/db");
        foreach (var text in new[] { url.ToString(), url.Redacted })
        {
            Assert.That(text, Does.Not.Contain(Secret));
            Assert.That(text, Does.Not.Contain(Escaped));
            Assert.That(text, Does.Contain("me:****@h:5432/db"));
        }
    }

    [TestCase("postgresql://u:secretpw@h:notaport/db")]
    [TestCase("postgresql://u:secretpw@h:99999/db")]
    [TestCase("postgresql://u:secretpw@[::1/db")]
    [TestCase("postgresql://u:secretpw@h/db?sslmode=bogus")]
    [TestCase("postgresql://u:secretpw@h/db?connect_timeout=soon")]
    [TestCase("postgresql://u:secretpw%zz@h/db")]
    [TestCase("postgresql://u:secretpw@/db")]
    [TestCase("mysql://u:secretpw@h/db")]
    [TestCase("Host=h;Password=secretpw;Bogus Key=1")]
    [TestCase("just words secretpw")]
    public void Bad_urls_are_configuration_errors_without_the_password(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseUrl.Parse(text))!;
        Assert.That(error.Message, Does.Not.Contain("secretpw"));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
    }

    [Test]
    public void Masker_hides_raw_and_encoded_secrets()
    {
        var text = $"failed for postgresql://u:{Escaped}@h/db with {Secret}";
        var masked = SecretMasker.Mask(text, Secret, null, "");
        Assert.That(masked, Does.Not.Contain(Secret));
        Assert.That(masked, Does.Not.Contain(Escaped));
        Assert.That(masked, Is.EqualTo("failed for postgresql://u:****@h/db with ****"));
    }

    // Three pieces of a password no message would contain by chance, joined by what a password may hold unencoded.
    static readonly string[] PasswordPieces = ["Kx9q", "Wm4z", "Pj7r"];
    static readonly string[] Separators = ["/", "?", "#", "@", ":", "&", "=", "%", "%2F", "+", " ", "[", "]", "//", "/?", "?#", "%zz", ""];
    static readonly string[] Shapes =
    [
        "postgresql://ro:{0}@host:5432/app", "postgres://ro:{0}@host/app?schema=s&sslmode=require", "postgresql://ro:{0}@[::1]:5432/app",
        "postgresql://ro:{0}@host:bad/app", "postgresql://ro:{0}@host/app?connect_timeout=soon", "postgresql://ro:{0}@host/app?sslmode=bogus",
        "postgresql://ro:{0}@/app", "postgresql://ro:{0}@host:99999", "postgresql://host/app?password={0}&sslmode=bogus", "postgresql://host:5432/app?sslaccept=x&password={0}",
        "postgresql://ro:{0}@host/app?port=bad", "postgresql://ro:{0}@[::1/app", "postgresql://ro:{0}@host/app#frag", "postgresql://ro:{0}@host",
    ];

    [Test]
    public void No_message_nor_parsed_part_holds_any_piece_of_a_password_whatever_it_breaks_in_the_url()
    {
        var random = new Random(20);
        var checkedUrls = 0;
        foreach (var shape in Shapes)
        {
            for (var i = 0; i < 400; i++)
            {
                var password = PasswordPieces[0] + Separators[random.Next(Separators.Length)] + PasswordPieces[1] + Separators[random.Next(Separators.Length)] + PasswordPieces[2];
                var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, password);
                string said;
                try
                {
                    var url = DatabaseUrl.Parse(text);
                    // What later messages print of a URL that was read: host, port, database, the redacted form.
                    said = string.Join(" ", url.Redacted, url.Address, url.Database, url.Schema);
                }
                catch (ConfigurationException e)
                {
                    said = e.Message;
                }

                checkedUrls++;
                foreach (var piece in PasswordPieces)
                {
                    Assert.That(said, Does.Not.Contain(piece), $"{text} gave: {said}");
                }
            }
        }

        Assert.That(checkedUrls, Is.EqualTo(Shapes.Length * 400));
    }

    [TestCase("postgresql://ro:Pr0dSecret/x@host/app")]
    [TestCase("postgresql://ro:Pr0d?Secret@host/app")]
    [TestCase("postgresql://ro:Pr0d#Secret@host/app")]
    [TestCase("postgresql://ro:1234/Secret@host/app")]
    [TestCase("postgresql://ro:a@b/Secret@host/app")]
    public void A_password_cut_by_an_unencoded_character_is_refused_saying_to_percent_encode_it(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseUrl.Parse(text))!;
        Assert.That(error.Message, Does.Contain("must be percent-encoded").And.Not.Contain("Secret").And.Not.Contain("Pr0d"));
    }

    [TestCase("postgresql://localhost:5432/app?password=p@ss&sslmode=require", "p@ss")]
    [TestCase("postgresql://localhost/app?sslcert=/certs/a@b.pem", null)]
    public void An_at_sign_inside_a_parameter_that_takes_free_text_is_read(string text, string? password)
    {
        var url = DatabaseUrl.Parse(text);
        Assert.That(url.Host, Is.EqualTo("localhost"));
        Assert.That(url.ToConnectionStringBuilder().Password, Is.EqualTo(password));
    }

    [Test]
    public void Without_credentials_a_bad_parameter_is_named_and_a_port_never_is()
    {
        Assert.That(Assert.Throws<ConfigurationException>(() => DatabaseUrl.Parse("postgresql://host/app?sslmode=bogus"))!.Message, Does.Contain("sslmode \"bogus\""));
        Assert.That(Assert.Throws<ConfigurationException>(() => DatabaseUrl.Parse("postgresql://ro:Pr0dSecret"))!.Message, Does.Not.Contain("Pr0dSecret"), "a forgotten @host leaves the password where the port goes");
    }
}

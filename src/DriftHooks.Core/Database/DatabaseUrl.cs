using System.Globalization;
using System.Text;
using DriftHooks.Core.Findings;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Where a database is: a Prisma URL (<c>postgresql://user:pass@host:port/db?schema=…</c>) or an Npgsql
/// connection string (<c>Host=…;Username=…</c>). The password is kept private: <see cref="ToString"/> and
/// <see cref="Redacted"/> never contain it.
/// </summary>
internal sealed class DatabaseUrl
{
    const string DefaultSchema = "public";
    const int DefaultPort = 5432;

    readonly NpgsqlConnectionStringBuilder _builder;
    readonly string? _password;

    DatabaseUrl(NpgsqlConnectionStringBuilder builder, string? password, string schema, TimeSpan? connectTimeout, bool isPrismaUrl)
    {
        _builder = builder;
        _password = password;
        Schema = schema;
        ConnectTimeout = connectTimeout;
        IsPrismaUrl = isPrismaUrl;
    }

    public string? Host => _builder.Host;

    public int Port => _builder.Port;

    public string? Database => _builder.Database;

    public string? Username => _builder.Username;

    /// <summary>Whether the URL itself carries a password (possibly empty).</summary>
    public bool HasPassword => _password is not null;

    /// <summary>The schema holding <c>_prisma_migrations</c> (Prisma's <c>?schema=</c>, default <c>public</c>).</summary>
    public string Schema { get; }

    /// <summary>The URL's <c>connect_timeout</c>, if it gave one.</summary>
    public TimeSpan? ConnectTimeout { get; }

    public bool IsPrismaUrl { get; }

    /// <summary>Where this URL was read from ("NEXT_PRIVATE_DATABASE_URL in .env"), when a resolver read it.</summary>
    public string? Origin { get; private init; }

    /// <summary>Which setting is read for it and where that may be put, when a resolver read it.</summary>
    public string? WhereToSet { get; private init; }

    /// <summary>This URL, remembering where it was read from and which setting that is, so that a refusal can name both.</summary>
    public DatabaseUrl From(string origin, string? whereToSet) =>
        new(new NpgsqlConnectionStringBuilder(_builder.ConnectionString), _password, Schema, ConnectTimeout, IsPrismaUrl) { Origin = origin, WhereToSet = whereToSet };

    /// <summary>A description safe to print: no password.</summary>
    public string Redacted
    {
        get
        {
            var host = Host is { } h && h.Contains(':', StringComparison.Ordinal) && !h.StartsWith('/') ? $"[{h}]" : Host;
            var user = Username is null ? "" : Username + (HasPassword ? ":****@" : "@");
            return $"postgresql://{user}{host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database}?schema={Schema}";
        }
    }

    public override string ToString() => Redacted;

    /// <summary>Where the server is, as a fix names it: <c>127.0.0.1:5432</c>, <c>[::1]:5432</c>, or a Unix socket's folder and port.</summary>
    public string Address
    {
        get
        {
            var port = Port.ToString(CultureInfo.InvariantCulture);
            return Host switch
            {
                { } h when h.StartsWith('/') => $"the Unix socket in {h} (port {port})",
                { } h when h.Contains(':', StringComparison.Ordinal) => $"[{h}]:{port}",
                var h => $"{h}:{port}",
            };
        }
    }

    /// <summary>The same server and credentials with another database and/or schema (for a shadow database).</summary>
    public DatabaseUrl With(string? database = null, string? schema = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_builder.ConnectionString);
        if (database is not null)
        {
            builder.Database = database;
        }

        return new DatabaseUrl(builder, _password, schema ?? Schema, ConnectTimeout, IsPrismaUrl) { Origin = Origin, WhereToSet = WhereToSet };
    }

    /// <summary>Masks this URL's password (raw and percent-encoded) in any text.</summary>
    public string Mask(string text) => SecretMasker.Mask(text, _password);

    /// <summary>Parses a Prisma URL or an Npgsql connection string; errors are <see cref="ConfigurationException"/>s.</summary>
    public static DatabaseUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ConfigurationException("The database URL is empty. Give a URL such as postgresql://user:password@host:5432/database?schema=public.");
        }

        if (trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUrl(trimmed);
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            var scheme = trimmed[..trimmed.IndexOf("://", StringComparison.Ordinal)];
            var named = scheme.Length is > 0 and <= 20 && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? $" \"{scheme}\"" : "";
            throw new ConfigurationException($"The database URL uses the scheme{named}; DriftHooks supports PostgreSQL only (postgresql:// or postgres://).");
        }

        if (trimmed.Contains('=', StringComparison.Ordinal))
        {
            return ParseConnectionString(trimmed);
        }

        throw new ConfigurationException("The database URL is neither a postgresql:// URL nor a connection string (Host=…;Username=…;Database=…).");
    }

    /// <summary>
    /// The settings to connect with. The password is set only if the URL has one; with
    /// <paramref name="options"/>.<see cref="DatabaseConnectionOptions.AllowEnvironmentPassword"/> false the caller
    /// must also block Npgsql's environment fallback (see <see cref="DatabaseConnector"/>).
    /// </summary>
    public NpgsqlConnectionStringBuilder ToConnectionStringBuilder(DatabaseConnectionOptions? options = null)
    {
        options ??= new DatabaseConnectionOptions();
        var result = new NpgsqlConnectionStringBuilder(_builder.ConnectionString)
        {
            Password = _password,
            ApplicationName = options.ApplicationName,
            // The URL's connect_timeout may be any whole number, as Prisma takes it; Npgsql waits at most 1024 s.
            Timeout = Math.Min(1024, Seconds(options.ConnectTimeout ?? ConnectTimeout ?? DatabaseConnectionOptions.DefaultConnectTimeout)),

            // The client-side limit is a little longer than the server's, so the server's clearer error wins.
            CommandTimeout = Seconds(options.StatementTimeout) + 2,
            Pooling = false,
            IncludeErrorDetail = false,
        };
        return result;
    }

    static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    static DatabaseUrl ParseConnectionString(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // Npgsql's message may quote the offending value; we do not know which part is secret, so keep it out.
            throw new ConfigurationException("The database connection string could not be read: it must be Key=Value pairs separated by ';' (Host, Port, Database, Username, Password, …) with known Npgsql keys.");
        }

        var password = builder.Password;
        builder.Password = null;
        if (builder.Passfile is not null)
        {
            throw new ConfigurationException("The database connection string names a Passfile; DriftHooks takes the password only from the connection string itself.");
        }

        var schema = DefaultSchema;
        if (!string.IsNullOrWhiteSpace(builder.SearchPath))
        {
            schema = builder.SearchPath.Split(',')[0].Trim().Trim('"');
        }

        TimeSpan? timeout = builder.Timeout != 15 ? TimeSpan.FromSeconds(builder.Timeout) : null;
        return new DatabaseUrl(builder, password, schema, timeout, isPrismaUrl: false);
    }

    // Query parameters whose value may hold an '@' of its own (a password, a path): anywhere else an '@' after the host
    // part is a user name or password that was not percent-encoded.
    static readonly string[] FreeTextParameters = ["password", "user", "sslcert", "sslidentity", "sslpassword", "host", "options", "application_name"];

    static DatabaseUrl ParseUrl(string text)
    {
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];

        // A message names a value of the URL only where no credential can be in it (Shown): anything with an '@' or a
        // password parameter may hold one, and a password with an unencoded '/', '?' or '#' moves where parts are cut.
        var quotable = !rest.Contains('@', StringComparison.Ordinal) && !rest.Contains("password", StringComparison.OrdinalIgnoreCase);
        RefuseCutCredentials(rest);

        // A fragment means nothing to a database URL.
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var (user, password, host, port) = Authority(authorityEnd < 0 ? rest : rest[..authorityEnd]);
        rest = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var query = question < 0 ? "" : rest[(question + 1)..];

        var parameters = new UrlParameters(quotable)
        {
            Builder = new NpgsqlConnectionStringBuilder
            {
                Host = host,
                Port = port,
                Database = path.TrimStart('/') is { Length: > 0 } p ? Decode(p, "database name", plusIsSpace: false) : null,
                Username = string.IsNullOrEmpty(user) ? null : user,
            },
            Password = password,
        };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq], "URL parameter", plusIsSpace: true);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..], "URL parameter", plusIsSpace: true);
            parameters.Apply(key, value);
        }

        parameters.ApplySslAccept();
        if (string.IsNullOrEmpty(parameters.Builder.Host))
        {
            throw new ConfigurationException("The database URL names no host: write postgresql://user:password@host:5432/database, or give ?host=/socket/directory.");
        }

        return new DatabaseUrl(parameters.Builder, parameters.Password, parameters.Schema, parameters.ConnectTimeout, isPrismaUrl: true);
    }

    /// <summary>The URL's authority (<c>user:password@host:port</c>), each part percent-decoded.</summary>
    static (string? User, string? Password, string Host, int Port) Authority(string authority)
    {
        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decode(colon < 0 ? userInfo : userInfo[..colon], "user name", plusIsSpace: false);
            if (colon >= 0)
            {
                password = Decode(userInfo[(colon + 1)..], "password", plusIsSpace: false);
            }
        }

        var (host, port) = SplitHostPort(authority);
        return (user, password, host, port);
    }

    /// <summary>What the URL's query parameters set, each decoded, in order (a later one wins).</summary>
    /// <param name="quotable">A message may quote a value: nothing in the URL can be a credential.</param>
    sealed class UrlParameters(bool quotable)
    {
        public required NpgsqlConnectionStringBuilder Builder { get; init; }

        public string? Password { get; set; }

        public string Schema { get; private set; } = DefaultSchema;

        public TimeSpan? ConnectTimeout { get; private set; }

        string? _sslAccept;

        string Shown(string value) => quotable ? $" \"{value}\"" : "";

        public void Apply(string key, string value)
        {
            switch (key)
            {
                case "schema":
                    Schema = value.Length == 0 ? DefaultSchema : value;
                    break;
                case "sslmode":
                    Builder.SslMode = value.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new ConfigurationException($"The database URL has an sslmode{Shown(value)} that is not one of disable, prefer, require, verify-ca or verify-full."),
                    };
                    break;
                case "sslaccept":
                    _sslAccept = value;
                    break;
                case "sslcert":
                    Builder.RootCertificate = value;
                    break;
                case "connect_timeout":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    {
                        throw new ConfigurationException($"The database URL has a connect_timeout{Shown(value)} that is not a whole number of seconds.");
                    }

                    // 0 means "wait forever" to Prisma; a hook must not hang, so it falls back to the default.
                    ConnectTimeout = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
                    break;
                case "host":
                    Builder.Host = value;
                    break;
                case "port":
                    Builder.Port = ParsePort(value);
                    break;
                case "user":
                    Builder.Username = value;
                    break;
                case "password":
                    Password = value;
                    break;
                default:
                    // Prisma's own options (connection_limit, pgbouncer, …) do not matter to a single read.
                    break;
            }
        }

        /// <summary>Prisma's <c>sslaccept</c>, once every parameter is read (it strengthens whichever sslmode was given).</summary>
        public void ApplySslAccept()
        {
            if (_sslAccept is null)
            {
                return;
            }

            if (_sslAccept == "strict")
            {
                // Prisma's strict acceptance verifies the certificate chain and the host name.
                if (Builder.SslMode is SslMode.Require or SslMode.Prefer)
                {
                    Builder.SslMode = SslMode.VerifyFull;
                }
            }
            else if (_sslAccept != "accept_invalid_certs")
            {
                throw new ConfigurationException($"The database URL has an sslaccept{Shown(_sslAccept)} that is neither strict nor accept_invalid_certs.");
            }
        }
    }

    /// <summary>
    /// Refuses a URL whose user name or password was cut by an unencoded '/', '?' or '#': an '@' in the path, the
    /// fragment or a query parameter that takes no free text. Read as written, such a URL has part of the password
    /// as its port, host or database name, which a later message would then print; this one names no part of it.
    /// </summary>
    static void RefuseCutCredentials(string afterScheme)
    {
        var authorityEnd = afterScheme.IndexOfAny(['/', '?', '#']);
        if (authorityEnd < 0 || afterScheme.IndexOf('@', authorityEnd) < 0)
        {
            return;
        }

        var hash = afterScheme.IndexOf('#', authorityEnd);
        var beforeHash = hash < 0 ? afterScheme : afterScheme[..hash];
        var question = beforeHash.IndexOf('?', authorityEnd);
        var path = question < 0 ? beforeHash[authorityEnd..] : beforeHash[authorityEnd..question];
        var cut = (hash >= 0 && afterScheme.IndexOf('@', hash) >= 0)
            || path.Contains('@', StringComparison.Ordinal)
            || (question >= 0 && beforeHash[(question + 1)..].Split('&').Any(pair =>
                pair.Contains('@', StringComparison.Ordinal)
                && (pair.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? !FreeTextParameters.Contains(pair[..eq], StringComparer.Ordinal) || pair[..eq].Contains('@', StringComparison.Ordinal) : true)));
        if (cut)
        {
            throw new ConfigurationException(
                "The database URL has an '@' after its host part: a user name or password holding '/', '?', '#' or '@' must be percent-encoded (%2F, %3F, %23, %40), or the URL is read with part of it as host, port or database.");
        }
    }

    static (string Host, int Port) SplitHostPort(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ConfigurationException("The database URL has an IPv6 host without its closing ']' (write [::1]:5432).");
            }

            var host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length == 0)
            {
                return (host, DefaultPort);
            }

            if (after[0] != ':')
            {
                throw new ConfigurationException("The database URL has text after its IPv6 host that is not a port.");
            }

            return (host, ParsePort(after[1..]));
        }

        var colon = authority.LastIndexOf(':');
        if (colon < 0)
        {
            return (Decode(authority, "host", plusIsSpace: false), DefaultPort);
        }

        return (Decode(authority[..colon], "host", plusIsSpace: false), ParsePort(authority[(colon + 1)..]));
    }

    static int ParsePort(string text)
    {
        if (text.Length == 0)
        {
            return DefaultPort;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            // The text is not quoted: where a password holds an unencoded ':' or the '@host' is missing, it is the password.
            throw new ConfigurationException("The database URL has a port (after the host and ':') that is not a number from 1 to 65535. (If the password contains ':', '@', '/', '?' or '#', percent-encode it.)");
        }

        return port;
    }

    // Percent-decoding as the url crate does; invalid UTF-8 or a stray '%' is an error that names the part, not its value.
    static string Decode(string text, string what, bool plusIsSpace)
    {
        if (!text.Contains('%', StringComparison.Ordinal) && !(plusIsSpace && text.Contains('+', StringComparison.Ordinal)))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length
                    || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new ConfigurationException($"The database URL's {what} has a '%' that does not start a two-digit escape such as %40; percent-encode a literal '%' as %25.");
                }

                bytes.Add(b);
                i += 2;
            }
            else if (plusIsSpace && c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                // Plain characters (including surrogate pairs) go in as their UTF-8 bytes.
                var next = text.IndexOfAny(plusIsSpace ? ['%', '+'] : ['%'], i);
                var run = next < 0 ? text[i..] : text[i..next];
                bytes.AddRange(Encoding.UTF8.GetBytes(run));
                i += run.Length - 1;
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigurationException($"The database URL's {what} decodes to invalid UTF-8.");
        }
    }
}

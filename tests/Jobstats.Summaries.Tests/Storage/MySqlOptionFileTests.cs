using System.Text;
using Jobstats.Summaries.Storage;
using Jobstats.Testing;
using MySqlConnector;

namespace Jobstats.Summaries.Tests.Storage;

public sealed class MySqlOptionFileTests : IDisposable
{
    private const string Secret = "s3cr3t-Hunter2";
    private readonly TempDirectory _dir = new("jobstats-optionfile-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_client_group_gives_the_connection_and_the_database_defaults_to_jobstats()
    {
        var options = MySqlOptionFile.Parse("""
            [client]
            host = db1.example.org
            port = 3307
            user = jobstats
            password = secret
            """, "my.cnf");

        Assert.Equal("db1.example.org", options.Host);
        Assert.Equal(3307, options.Port);
        Assert.Equal("jobstats", options.User);
        Assert.Equal("secret", options.Password);
        Assert.Null(options.Socket);
        Assert.Equal("jobstats", options.Database);
        Assert.False(options.UsesSocket);
    }

    [Fact]
    public void The_jobstats_group_overrides_client_key_by_key_wherever_it_stands_and_other_groups_are_ignored()
    {
        var options = MySqlOptionFile.Parse("""
            [jobstats]
            user = summaries
            database = slurm_summaries
            [mysqld]
            password = server-side
            [client]
            user = somebody
            password = shared
            host = db1
            """, "my.cnf");

        Assert.Equal("summaries", options.User);
        Assert.Equal("slurm_summaries", options.Database);
        Assert.Equal("shared", options.Password);
        Assert.Equal("db1", options.Host);
    }

    [Fact]
    public void Comments_spacing_quotes_and_escapes_follow_the_client_library()
    {
        var options = MySqlOptionFile.Parse(
            "# a comment\n" +
            "; another comment\n" +
            "  [ Client ]   # group names ignore case\n" +
            "user=jobstats# comment right after the value\n" +
            "password = \"pa#ss; word\"   # quoted: '#' and spaces are kept\n" +
            "host\t=\t'db1'\r\n" +
            "socket = /run/my\\sdb.sock\n" +
            "Ssl_Mode = verify_identity\n" +
            "ssl-ca = /etc/ssl/ca.pem\n" +
            "skip-ssl\n" +
            "default-character-set = utf8mb4\n", "my.cnf");

        Assert.Equal("jobstats", options.User);
        Assert.Equal("pa#ss; word", options.Password);
        Assert.Equal("db1", options.Host);
        Assert.Equal("/run/my db.sock", options.Socket);
        Assert.Equal(MySqlSslMode.VerifyFull, options.SslMode);
        Assert.Equal("/etc/ssl/ca.pem", options.SslCa);
    }

    [Fact]
    public void Escapes_inside_quotes_keep_the_quote_and_backslash_characters()
    {
        var options = MySqlOptionFile.Parse("[client]\npassword = \"a\\\"b\\\\c\\td\\q\"\n", "my.cnf");

        Assert.Equal("a\"b\\c\td\\q", options.Password);
    }

    [Fact]
    public void An_empty_password_is_allowed_and_a_missing_file_value_keeps_the_defaults()
    {
        var options = MySqlOptionFile.Parse("[client]\npassword =\n", "my.cnf");

        Assert.Equal("", options.Password);
        Assert.Null(options.Host);
        Assert.Null(options.Port);
    }

    [Theory]
    [InlineData("socket = /run/mysqld/mysqld.sock", true)]
    [InlineData("socket = /run/mysqld/mysqld.sock\nhost = localhost", true)]
    [InlineData("socket = /run/mysqld/mysqld.sock\nhost = 127.0.0.1", false)]
    [InlineData("host = localhost", false)]
    public void The_socket_is_used_when_given_and_the_host_is_absent_or_localhost(string lines, bool usesSocket)
    {
        Assert.Equal(usesSocket, MySqlOptionFile.Parse($"[client]\n{lines}\n", "my.cnf").UsesSocket);
    }

    [Fact]
    public void Every_malformed_line_is_reported_at_once_with_file_and_line()
    {
        var error = Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Parse("""
            user = early
            [client]
            = value
            port = 99999
            [mysql
            [client] trailing
            !include /etc/mysql/conf.d/x.cnf
            !includedir /etc/mysql/conf.d
            [client]
            password
            host =
            ssl-mode = sometimes
            what is this
            port = 33o6
            """, "/etc/jobstats/summary-db.cnf"));

        Assert.Equal(
        [
            "/etc/jobstats/summary-db.cnf:1: option before any [group] header",
            "/etc/jobstats/summary-db.cnf:3: expected 'key = value', '[group]' or a comment",
            "/etc/jobstats/summary-db.cnf:5: group header without its closing ']'",
            "/etc/jobstats/summary-db.cnf:6: text after a group header",
            "/etc/jobstats/summary-db.cnf:7: '!include' and '!includedir' are not supported: put the settings in this file",
            "/etc/jobstats/summary-db.cnf:8: '!include' and '!includedir' are not supported: put the settings in this file",
            "/etc/jobstats/summary-db.cnf:13: expected 'key = value', '[group]' or a comment",
            "/etc/jobstats/summary-db.cnf:11: 'host' is empty",
            "/etc/jobstats/summary-db.cnf:10: 'password' has no value (jobstats cannot prompt for a password)",
            "/etc/jobstats/summary-db.cnf:14: 'port' must be a number from 1 to 65535",
            "/etc/jobstats/summary-db.cnf:12: 'ssl-mode' must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY",
        ], error.Problems);
        Assert.All(error.Problems, problem => Assert.DoesNotContain('\n', problem));
    }

    [Theory]
    [InlineData("[client]\npassword = \"" + Secret + "\n")]
    [InlineData("[client]\npassword = '" + Secret + "'x\n")]
    [InlineData("[client]\n\"" + Secret + "\"\n")]
    [InlineData("[client]\n" + Secret + " x = 1\n")]
    [InlineData("[client]\nport = " + Secret + "\n")]
    [InlineData("[client]\nssl-mode = " + Secret + "\n")]
    [InlineData("[client\n" + Secret + "\n")]
    [InlineData("[" + Secret + "] " + Secret + "\n")]
    [InlineData("password = " + Secret + "\n")]
    [InlineData("[client]\npassword = " + Secret + "\0\n")]
    public void No_message_repeats_a_value_from_the_file(string text)
    {
        var error = Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Parse(text, "my.cnf"));

        Assert.NotEmpty(error.Problems);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_text_either_parses_or_fails_with_the_option_file_error_only()
    {
        // Fragments that exercise every branch of the grammar, glued at random (fixed seed, so a failure reproduces).
        string[] fragments =
        [
            "[", "]", "client", "jobstats", "=", "\"", "'", "\\", "#", ";", "!", "!include", "\n", "\r\n", " ", "\t",
            "password", "port", "host", "65536", "3306", "\0", "é", "\uFEFF", "\uD800", "x", "_", "-",
        ];
        var random = new Random(20261202);
        for (int round = 0; round < 5000; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 40);
            for (int i = 0; i < length; i++) text.Append(fragments[random.Next(fragments.Length)]);
            try
            {
                MySqlOptionFile.Parse(text.ToString(), "fuzz.cnf");
            }
            catch (MySqlOptionFileException e)
            {
                Assert.All(e.Problems, problem => Assert.StartsWith("fuzz.cnf", problem, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void A_file_without_a_final_newline_is_read_to_its_end()
    {
        string path = Write("[client]\nuser = jobstats\npassword = last-line", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var options = MySqlOptionFile.Load(path);

        Assert.Equal("last-line", options.Password);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void A_password_readable_by_others_is_a_warning_and_a_world_writable_file_is_refused()
    {
        string readable = Write("[client]\npassword = " + Secret + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        string withoutPassword = Write("[client]\nhost = db1\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        string writable = Write("[client]\nhost = db1\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        string warning = Assert.Single(MySqlOptionFile.Load(readable).Warnings);
        Assert.Equal($"{readable}: holds a password but is readable or writable by others than its owner (mode 0644): chmod 600 it", warning);
        Assert.Empty(MySqlOptionFile.Load(withoutPassword).Warnings);
        var error = Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(writable));
        Assert.Equal($"{writable}: writable by everyone (mode 0666): chmod 600 it", error.Message);
    }

    [Fact]
    public void Missing_directory_and_unusable_paths_give_one_clear_line()
    {
        string missing = _dir.Combine("absent.cnf");
        string notADirectory = Write("[client]\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal($"{missing}: option file not found", Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(missing)).Message);
        Assert.Equal($"{_dir.Path}: is a directory, not an option file", Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(_dir.Path)).Message);
        var below = Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(Path.Combine(notADirectory, "x.cnf")));
        Assert.StartsWith($"{Path.Combine(notADirectory, "x.cnf")}: ", below.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', below.Message);
    }

    [Fact]
    public void A_file_above_64_KiB_is_refused_unread_and_one_at_the_limit_is_read()
    {
        string atLimit = Write("[client]\n" + new string('#', MySqlOptionFile.MaxFileBytes - 10) + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string above = Write("[client]\n" + new string('#', MySqlOptionFile.MaxFileBytes) + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(MySqlOptionFile.MaxFileBytes, new FileInfo(atLimit).Length);
        Assert.Equal("jobstats", MySqlOptionFile.Load(atLimit).Database);
        Assert.Equal($"{above}: larger than 65536 bytes: not an option file",
            Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(above)).Message);
        // A device without end: the bound, not the reported length, stops the read.
        Assert.Equal("/dev/zero: larger than 65536 bytes: not an option file",
            Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load("/dev/zero")).Message);
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_refused()
    {
        string path = _dir.Combine("latin1.cnf");
        File.WriteAllBytes(path, [.. "[client]\npassword = "u8, 0xE9, 0xFF, (byte)'\n']);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal($"{path}: not UTF-8 text", Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Load(path)).Message);
    }

    [Fact]
    public void A_truncated_file_names_the_line_where_it_stops()
    {
        var error = Assert.Throws<MySqlOptionFileException>(() => MySqlOptionFile.Parse("[client]\nuser = jobstats\npassword = \"abc", "my.cnf"));

        Assert.Equal("my.cnf:3: unterminated quote", error.Message);
    }

    private string Write(string text, UnixFileMode mode)
    {
        string path = _dir.Combine($"{Guid.NewGuid():N}.cnf");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}

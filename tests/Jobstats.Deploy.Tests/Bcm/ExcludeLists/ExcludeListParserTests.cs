using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.Tests.Bcm.ExcludeLists;

public sealed class ExcludeListParserTests
{
    private const string DefaultFullInstall = "- lost+found/\n- /proc/*\n- /sys/*\n- /boot/efi\n";

    [Fact]
    public void Default_full_install_list_parses_into_four_exclude_rules_with_line_numbers()
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.FullInstall, DefaultFullInstall, "full");
        Assert.Equal(["lost+found/", "/proc/*", "/sys/*", "/boot/efi"], list.Rules.Select(r => r.Pattern.Text));
        Assert.All(list.Rules, r => Assert.Equal(FilterAction.Exclude, r.Action));
        Assert.Equal([1, 2, 3, 4], list.Rules.Select(r => r.LineNumber));
        Assert.True(list.Rules[0].Pattern.DirectoryOnly);
        Assert.True(list.Rules[1].Pattern.Anchored);
        Assert.Empty(list.Warnings);
    }

    [Fact]
    public void Default_full_install_list_keeps_our_files_and_drops_proc_contents()
    {
        var filter = ExcludeListParser.Parse(ExcludeListKind.FullInstall, DefaultFullInstall, "full").PlainFilter;
        Assert.True(filter.Decide("/usr/local/bin/jobstats-exporter", false).Transferred);
        Assert.True(filter.Decide("/proc", true).Transferred);
        var proc = filter.Decide("/proc/1/status", false);
        Assert.False(proc.Transferred);
        Assert.Equal("proc/1", proc.ExcludedAncestor);
        Assert.False(filter.Decide("/home/x/lost+found", true).Transferred);
        Assert.True(filter.Decide("/home/x/lost+found", false).Transferred);
    }

    [Fact]
    public void No_new_files_prefix_goes_to_the_second_sub_list()
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.Update,
            "- /var/log/*\nno-new-files: - /tftpboot/*\nno-new-files:+ /keep\n", "update");
        Assert.Equal(["/var/log/*"], list.PlainFilter.Rules.Select(r => r.Pattern.Text));
        Assert.Equal(["/tftpboot/*", "/keep"], list.NoNewFilesFilter.Rules.Select(r => r.Pattern.Text));
        Assert.Equal(FilterAction.Include, list.NoNewFilesFilter.Rules[1].Action);
        Assert.False(list.NoNewFilesFilter.Decide("/tftpboot/pxe", false).Transferred);
        Assert.True(list.PlainFilter.Decide("/tftpboot/pxe", false).Transferred);
    }

    [Fact]
    public void Comments_blank_lines_and_bare_patterns_follow_exclude_from_rules()
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.Grab, "# hash\n; semicolon\n\n   \n*.log\r\n+ /keep.log\n", "grab");
        Assert.Equal(2, list.Rules.Count);
        Assert.Equal(FilterAction.Exclude, list.Rules[0].Action);
        Assert.Equal("*.log", list.Rules[0].Pattern.Text);
        Assert.Equal(5, list.Rules[0].LineNumber);
    }

    [Theory]
    [InlineData("- /ok\n- \n", 2, "no pattern")]
    [InlineData("- /ok\n-\n", 2, "no pattern")]
    [InlineData("- /a\u0000b\n", 1, "NUL")]
    [InlineData("- /a\u0007b\n", 1, "control character")]
    [InlineData("no-new-files:\n", 1, "not followed by a rule")]
    public void Malformed_lines_are_errors_naming_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<ExcludeListFormatException>(() => ExcludeListParser.Parse(ExcludeListKind.Update, text, "lists"));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"lists:{line}:", error.Message);
    }

    [Fact]
    public void No_new_files_in_a_grab_list_is_an_error()
    {
        var error = Assert.Throws<ExcludeListFormatException>(() =>
            ExcludeListParser.Parse(ExcludeListKind.Grab, "no-new-files: - /x\n", "grab"));
        Assert.Contains("excludelistgrab", error.Message);
    }

    [Fact]
    public void Overlong_line_is_an_error()
    {
        var text = "- /" + new string('a', ExcludeListParser.MaxLineLength) + "\n";
        var error = Assert.Throws<ExcludeListFormatException>(() => ExcludeListParser.Parse(ExcludeListKind.Grab, text, "g"));
        Assert.Equal(1, error.LineNumber);
    }

    [Theory]
    [InlineData("- /etc/[abc")]
    [InlineData("- /etc/[[:nope:]]x")]
    [InlineData("- /etc/x*\\")]
    public void Patterns_rsync_never_matches_parse_with_a_warning_and_match_nothing(string line)
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.Grab, line + "\n", "g");
        Assert.Single(list.Warnings);
        Assert.Contains("g:1:", list.Warnings[0]);
        Assert.True(list.PlainFilter.Decide("/etc/abc", false).Transferred);
        Assert.True(list.PlainFilter.Decide("/etc/x\\", false).Transferred);
    }

    [Fact]
    public void Truncated_list_parses_the_complete_lines()
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.Grab, "- /proc/*\n- /sy", "g");
        Assert.Equal(["/proc/*", "/sy"], list.Rules.Select(r => r.Pattern.Text));
    }

    [Fact]
    public void Pathological_wildcards_are_matched_without_exponential_backtracking()
    {
        var pattern = "- " + string.Concat(Enumerable.Repeat("*a", 200)) + "b\n";
        var filter = ExcludeListParser.Parse(ExcludeListKind.Grab, pattern, "g").PlainFilter;
        Assert.True(filter.Decide(new string('a', 3000), false).Transferred);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_format_error()
    {
        var random = new Random(7);
        const string alphabet = "-+ /*?[]!:;#\\\r\n\t\0abc.no-new-files:[[:alpha:]]";
        for (var round = 0; round < 2000; round++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            try
            {
                var list = ExcludeListParser.Parse(ExcludeListKind.Update, new string(chars), "fuzz");
                foreach (var rule in list.Rules)
                {
                    _ = list.PlainFilter.Decide("/etc/a/b", false);
                    _ = rule.Pattern.Matches("a/b/c", true);
                }
            }
            catch (ExcludeListFormatException e)
            {
                Assert.StartsWith("fuzz:", e.Message);
            }
        }
    }
}

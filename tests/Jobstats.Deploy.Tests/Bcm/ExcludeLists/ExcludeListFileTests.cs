using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.Tests.Bcm.ExcludeLists;

public sealed class ExcludeListFileTests
{
    [Fact]
    public void Sections_become_lists_and_missing_sections_are_empty()
    {
        var file = ExcludeListFile.Parse("""
            # lists of category dgx
            [excludelistgrab]
            - /proc/*
            - /cm/shared/
            [excludelistupdate]
            - /var/log/*
            no-new-files: - /tftpboot/*
            """, "lists.txt");
        Assert.Equal(2, file.Get("dgx", ExcludeListKind.Grab).Rules.Count);
        var update = file.Get("dgx", ExcludeListKind.Update);
        Assert.Single(update.NoNewFilesFilter.Rules);
        Assert.Empty(file.Get("dgx", ExcludeListKind.FullInstall).Rules);
    }

    [Theory]
    [InlineData("- /proc/*\n", 1, "before the first")]
    [InlineData("[excludelistgrab]\n- /a\n[excludelistbogus]\n", 3, "unknown section")]
    [InlineData("[excludelistgrab]\n[excludelistgrab]\n", 2, "twice")]
    [InlineData("[excludelistgrab]\n- /ok\n- \n", 3, "no pattern")]
    [InlineData("[excludelistupdate]\n\n\nno-new-files:\n", 4, "not followed")]
    public void Errors_carry_the_line_number_in_the_file(string text, int line, string problem)
    {
        var error = Assert.Throws<ExcludeListFormatException>(() => ExcludeListFile.Parse(text, "lists.txt"));
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"lists.txt:{line}:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Cmsh_source_asks_for_the_property_and_parses_its_output()
    {
        var commands = new List<string>();
        var source = new CmshExcludeListSource(command =>
        {
            commands.Add(command);
            return "- /proc/*\n- /cm/shared/\n";
        });
        var list = source.Get("dgx", ExcludeListKind.Grab);
        Assert.Equal(["category; use dgx; get excludelistgrab"], commands);
        Assert.False(list.PlainFilter.Decide("/cm/shared/apps/x", false).Transferred);
    }

    [Fact]
    public void Cmsh_source_refuses_a_category_name_with_syntax_in_it()
    {
        var source = new CmshExcludeListSource(_ => throw new InvalidOperationException("must not run"));
        Assert.Throws<ArgumentException>(() => source.Get("dgx; device; remove x", ExcludeListKind.Grab));
    }
}

public sealed class ExcludeListFileLoadTests
{
    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ExcludeListFile.Load("/nonexistent/lists.txt"));
        Assert.Contains("/nonexistent/lists.txt", error.Message);
    }

    [Fact]
    public void Rules_carry_their_line_in_the_whole_file()
    {
        var file = ExcludeListFile.Parse("# header\n[excludelistgrab]\n- /proc/*\n\n[excludelistfullinstall]\n# c\n- /boot/efi\n", "l.txt");
        Assert.Equal(3, file.Get("x", ExcludeListKind.Grab).Rules[0].LineNumber);
        var rule = file.Get("x", ExcludeListKind.FullInstall).Rules[0];
        Assert.Equal(7, rule.LineNumber);
        Assert.Equal("'- /boot/efi' (l.txt:7)", rule.ToString());
    }
}

using Jobstats.Hosting;
using Jobstats.Core.Config;

namespace Jobstats.Hosting.Tests;

public class ConfigFileTests
{
    [Fact]
    public void An_explicit_path_that_does_not_exist_is_an_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Load("/nonexistent/jobstats.yaml"));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Loads_the_explicit_file()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "prometheus:\n  url: http://prom.example:9090\n");
            Assert.Equal("http://prom.example:9090", ConfigFile.Load(path).PrometheusUrl);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Errors_point_at_the_file_and_line()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "prometheus:\n  url: http://x\nsurprise: 1\n");
            var e = Assert.Throws<ConfigException>(() => ConfigFile.Load(path));
            Assert.StartsWith($"{path}:3: unknown key 'surprise'", e.Message);
        }
        finally { File.Delete(path); }
    }
}

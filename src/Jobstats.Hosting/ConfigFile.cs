using Jobstats.Core.Config;

namespace Jobstats.Hosting;

/// <summary>Finds and loads the config file: --config, then JOBSTATS_CONFIG, then /etc/jobstats/jobstats.yaml.</summary>
public static class ConfigFile
{
    /// <summary>The file <see cref="Load"/> reads for <paramref name="explicitPath"/>, or null when it reads none.</summary>
    public static string? PathOf(string? explicitPath) =>
        explicitPath ?? NonEmpty(Environment.GetEnvironmentVariable("JOBSTATS_CONFIG")) ?? (File.Exists(JobstatsConfig.DefaultPath) ? JobstatsConfig.DefaultPath : null);

    public static JobstatsConfig Load(string? explicitPath)
    {
        string? path = explicitPath ?? NonEmpty(Environment.GetEnvironmentVariable("JOBSTATS_CONFIG"));
        bool required = path is not null;
        path ??= JobstatsConfig.DefaultPath;
        if (!File.Exists(path))
        {
            if (required) throw new ConfigException(path, 0, "the config file does not exist");
            return new JobstatsConfig();
        }
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ConfigException(path, 0, $"cannot read the config file: {e.Message}"); }
        return ConfigLoader.Parse(text, path);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

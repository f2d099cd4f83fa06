using Jobstats.Core.Config;

namespace Jobstats.Core.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void Empty_file_gives_the_defaults()
    {
        var config = ConfigLoader.Parse("", "j.yaml");
        Assert.Equal("http://127.0.0.1:9090", config.PrometheusUrl);
        Assert.Equal(30, config.SamplingPeriodSeconds);
        Assert.Equal(65, config.Thresholds.CpuUtilRed);
        Assert.Equal("cgroup_cpu_total_seconds", config.Metrics.CpuTotalSeconds);
        Assert.NotEmpty(config.NoteRules);
    }

    [Fact]
    public void Reads_the_keys_jobstatsctl_writes()
    {
        var config = ConfigLoader.Parse("""
            prometheus:
              url: http://10.0.0.5:9090/
              timeout_seconds: 7.5
              max_response_mib: 16
            clusters:
              labcluster:
                prometheus_url: http://127.0.0.1:9091
            cluster_aliases: {lab: labcluster}
            sampling_period_seconds: 15
            """, "j.yaml");
        Assert.Equal("http://10.0.0.5:9090", config.PrometheusUrl);
        Assert.Equal(7.5, config.TimeoutSeconds);
        Assert.Equal(16, config.MaxResponseMiB);
        Assert.Equal("http://127.0.0.1:9091", config.PrometheusUrlFor("labcluster"));
        Assert.Equal("http://10.0.0.5:9090", config.PrometheusUrlFor("other"));
        Assert.Equal("labcluster", config.ResolveCluster("lab"));
        Assert.Equal(15, config.SamplingPeriodSeconds);
    }

    [Fact]
    public void Grafana_is_optional_and_must_be_an_http_url()
    {
        Assert.Null(ConfigLoader.Parse("", "j.yaml").GrafanaUrl);
        Assert.Equal("https://grafana.example.org", ConfigLoader.Parse("grafana:\n  url: https://grafana.example.org/\n", "j.yaml").GrafanaUrl);
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse("grafana:\n  url: \"javascript:alert(1)\"\n", "j.yaml"));
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse("grafana:\n  link: https://x\n", "j.yaml"));
    }

    [Fact]
    public void Thresholds_metrics_labels_and_gpu_mode_are_overridable()
    {
        var config = ConfigLoader.Parse("""
            thresholds: {cpu_util_red: 50, gpu_util_black: 40}
            metrics: {cpu_total_seconds: my_cpu_seconds}
            labels: {jobid: slurm_job}
            gpu_query: legacy
            """, "j.yaml");
        Assert.Equal(50, config.Thresholds.CpuUtilRed);
        Assert.Equal(40, config.Thresholds.GpuUtilBlack);
        Assert.Equal("my_cpu_seconds", config.Metrics.CpuTotalSeconds);
        Assert.Equal("slurm_job", config.Labels.JobId);
        Assert.Equal(GpuQueryMode.Legacy, config.GpuQuery);
    }

    [Fact]
    public void Reads_the_summaries_section()
    {
        var config = ConfigLoader.Parse("""
            summaries:
              store: database_and_admin_comment
              database_option_file: /etc/jobstats/db.cnf
              spool_dir: /srv/spool/jobstats
              batch_size: 50
              prometheus_concurrency: 2
              prometheus_retention_days: 30
              backfill_interval_minutes: 0
              backfill_window_hours: 12
              metrics_listen: 127.0.0.1:9400
              job_info_interval_seconds: 120
            """, "j.yaml");
        var s = config.Summaries;
        Assert.Equal(SummaryStoreMode.DatabaseAndAdminComment, s.Store);
        Assert.Equal("/etc/jobstats/db.cnf", s.DatabaseOptionFile);
        Assert.Equal("/srv/spool/jobstats", s.SpoolDirectory);
        Assert.Equal(50, s.BatchSize);
        Assert.Equal(2, s.PrometheusConcurrency);
        Assert.Equal(30, s.PrometheusRetentionDays);
        Assert.Equal(0, s.BackfillIntervalMinutes);
        Assert.Equal(12, s.BackfillWindowHours);
        Assert.Equal("127.0.0.1:9400", s.MetricsListen);
        Assert.Equal(120, s.JobInfoIntervalSeconds);
        Assert.Equal(60, new Jobstats.Core.Config.SummarySettings().JobInfoIntervalSeconds);
    }

    [Fact]
    public void Summaries_errors_are_all_reported_with_their_lines()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""
            summaries:
              store: sql
              batch_size: 0
              retries: 3
            """, "j.yaml"));
        Assert.Equal(3, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Line == 2 && p.Problem.Contains("summaries.store", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Line == 3 && p.Problem.Contains("summaries.batch_size", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Problem.Contains("unknown key 'summaries.retries'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("prometheus:\n  url: http://x\n  colour: red\n", 3, "unknown key 'prometheus.colour' (known: url, timeout_seconds, max_response_mib, bearer_token_file, ca_file, basic_auth)")]
    [InlineData("promethus:\n  url: http://x\n", 1, "unknown key 'promethus'")]
    [InlineData("sampling_period_seconds: thirty\n", 1, "'sampling_period_seconds' must be a whole number from 1 to 86400, not 'thirty'")]
    [InlineData("sampling_period_seconds: 1.5\n", 1, "whole number")]
    [InlineData("prometheus:\n  url: ftp://x\n", 2, "'prometheus.url' must be an http(s) URL, not 'ftp://x'")]
    [InlineData("metrics:\n  cpus: 'up{x=\"1\"}'\n", 2, "not a valid Prometheus")]
    [InlineData("thresholds:\n  cpu_util_red: -1\n", 2, "'thresholds.cpu_util_red' must be a number from 0 to")]
    [InlineData("clusters: [a, b]\n", 1, "'clusters' must be a mapping")]
    [InlineData("a: [unclosed\n", 2, "not valid YAML")]
    [InlineData("gpu_query: fast\n", 1, "'gpu_query' must be one of jobid_label, legacy, not 'fast'")]
    [InlineData("prometheus:\n  max_response_mib: 0\n", 2, "whole number from 1 to 4096")]
    [InlineData("prometheus:\n  max_response_mib: 1.5\n", 2, "whole number")]
    public void Errors_name_file_and_line(string yaml, int line, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/etc/jobstats/jobstats.yaml"));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"/etc/jobstats/jobstats.yaml:{line}: ", e.Message);
    }

    [Fact]
    public void Site_rules_are_added_and_defaults_can_be_disabled()
    {
        var config = ConfigLoader.Parse("""
            notes:
              disable: [test-qos]
              rules:
                - name: big-partition
                  style: bold
                  when: ["partition == 'bigmem'", "cpu_memory_efficiency < 30"]
                  text: "Jobs in {partition} should use their memory ({cpu_memory_efficiency}% used)."
                  lines: ["https://example.org/bigmem"]
            """, "j.yaml");
        Assert.DoesNotContain(config.NoteRules, r => r.Name == "test-qos");
        var rule = Assert.Single(config.NoteRules, r => r.Name == "big-partition");
        Assert.Equal(2, rule.All.Count);
        Assert.Equal(2, rule.Items.Count);
    }

    [Fact]
    public void Defaults_false_removes_every_built_in_rule() =>
        Assert.Empty(ConfigLoader.Parse("notes:\n  defaults: false\n", "j.yaml").NoteRules);

    [Theory]
    [InlineData("when: [\"cpu_eficiency < 5\"]", "unknown figure \"cpu_eficiency\"")]
    [InlineData("when: [\"cpu_efficiency =~ 5\"]", "unknown operator")]
    [InlineData("when: [\"cpu_efficiency < __import__\"]", "neither a number")]
    [InlineData("when: [\"gpus\"]", "figure operator value")]
    [InlineData("text: \"{os.system('rm -rf /')}\"", "unknown figure")]
    public void Bad_rules_are_rejected_with_their_line(string line, string problem)
    {
        string yaml = "notes:\n  rules:\n    - name: r\n      " + line + "\n" + (line.StartsWith("text") ? "" : "      text: hi\n");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "c.yaml"));
        Assert.Contains(problem, e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_the_first_reads_as_before()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""
            prometheus:
              url: ftp://x
            sampling_period_seconds: soon
            gpu_query: fast
            notes:
              rules:
                - style: bold
            """, "j.yaml"));
        Assert.Equal([2, 3, 4, 7], e.Problems.Select(p => (int)p.Line));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("j.yaml:2: 'prometheus.url' must be an http(s) URL", e.Message);
        Assert.Equal(e.Problems.Select(p => p.ToString()), e.Message.Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("NO")]
    [InlineData("off")]
    public void Booleans_are_read_in_any_case(string word) =>
        Assert.Empty(ConfigLoader.Parse($"notes:\n  defaults: {word}\n", "j.yaml").NoteRules);

    [Fact]
    public void A_quoted_boolean_is_text_and_refused_where_a_boolean_is_expected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("notes:\n  defaults: \"false\"\n", "j.yaml"));
        Assert.Equal("j.yaml:2: 'notes.defaults' must be true or false without quotes (a quoted value is text), not 'false'", e.Message);
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void A_null_value_means_the_key_is_not_given(string value) =>
        Assert.Equal(30, ConfigLoader.Parse($"sampling_period_seconds: {value}\nprometheus: {value}\n", "j.yaml").SamplingPeriodSeconds);

    [Fact]
    public void Duplicate_keys_are_errors_with_both_lines()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("sampling_period_seconds: 10\nsampling_period_seconds: 20\n", "j.yaml"));
        Assert.Equal("j.yaml:2: duplicate key 'sampling_period_seconds' (first on line 1)", e.Message);
    }
}
